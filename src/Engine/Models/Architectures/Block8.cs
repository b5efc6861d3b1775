using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Architectures;

/// <summary>
/// Inception-ResNet-C on 1792-channel maps: a 1×1 branch and a 1×3, 3×1 branch, a 1×1 projection, a scaled
/// residual, then ReLU — except in the network's last block, which has none (and no 'relu' module).
/// </summary>
internal sealed class Block8 : nn.Module<Tensor, Tensor>
{
    private readonly double _scale;
    private readonly BasicConv2d _branch0;
    private readonly Sequential _branch1;
    private readonly Conv2d _conv2d;
    private readonly ReLU? _relu;

    public Block8(double scale, bool relu)
        : base(nameof(Block8))
    {
        _scale = scale;
        _branch0 = new BasicConv2d(1792, 192, 1, 1);
        _branch1 = nn.Sequential(
            new BasicConv2d(1792, 192, 1, 1),
            new BasicConv2d(192, 192, (1, 3), 1, (0, 1)),
            new BasicConv2d(192, 192, (3, 1), 1, (1, 0)));
        _conv2d = nn.Conv2d(384, 1792, 1);
        register_module("branch0", _branch0);
        register_module("branch1", _branch1);
        register_module("conv2d", _conv2d);
        if (relu)
        {
            _relu = nn.ReLU();
            register_module("relu", _relu);
        }
    }

    /// <summary>Children are registered under facenet-pytorch's names in the constructor; TorchSharp's default would add them again under the field names.</summary>
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var branches = cat([_branch0.call(input), _branch1.call(input)], 1);
        var output = _conv2d.call(branches).mul(_scale).add(input);
        return (_relu is null ? output : _relu.call(output)).MoveToOuterDisposeScope();
    }
}
