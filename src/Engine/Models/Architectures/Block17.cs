using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Architectures;

/// <summary>Inception-ResNet-B on 896-channel maps: a 1×1 branch and a 1×7, 7×1 branch, a 1×1 projection, a scaled residual, ReLU.</summary>
internal sealed class Block17 : nn.Module<Tensor, Tensor>
{
    private readonly double _scale;
    private readonly BasicConv2d _branch0;
    private readonly Sequential _branch1;
    private readonly Conv2d _conv2d;
    private readonly ReLU _relu;

    public Block17(double scale)
        : base(nameof(Block17))
    {
        _scale = scale;
        _branch0 = new BasicConv2d(896, 128, 1, 1);
        _branch1 = nn.Sequential(
            new BasicConv2d(896, 128, 1, 1),
            new BasicConv2d(128, 128, (1, 7), 1, (0, 3)),
            new BasicConv2d(128, 128, (7, 1), 1, (3, 0)));
        _conv2d = nn.Conv2d(256, 896, 1);
        _relu = nn.ReLU();
        register_module("branch0", _branch0);
        register_module("branch1", _branch1);
        register_module("conv2d", _conv2d);
        register_module("relu", _relu);
    }

    /// <summary>Children are registered under facenet-pytorch's names in the constructor; TorchSharp's default would add them again under the field names.</summary>
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var branches = cat([_branch0.call(input), _branch1.call(input)], 1);
        return _relu.call(_conv2d.call(branches).mul(_scale).add(input)).MoveToOuterDisposeScope();
    }
}
