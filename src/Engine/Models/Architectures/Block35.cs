using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Architectures;

/// <summary>Inception-ResNet-A on 35×35 (here 256-channel) maps: three branches, a 1×1 projection, a scaled residual, ReLU.</summary>
internal sealed class Block35 : nn.Module<Tensor, Tensor>
{
    private readonly double _scale;
    private readonly BasicConv2d _branch0;
    private readonly Sequential _branch1;
    private readonly Sequential _branch2;
    private readonly Conv2d _conv2d;
    private readonly ReLU _relu;

    public Block35(double scale)
        : base(nameof(Block35))
    {
        _scale = scale;
        _branch0 = new BasicConv2d(256, 32, 1, 1);
        _branch1 = nn.Sequential(new BasicConv2d(256, 32, 1, 1), new BasicConv2d(32, 32, 3, 1, 1));
        _branch2 = nn.Sequential(new BasicConv2d(256, 32, 1, 1), new BasicConv2d(32, 32, 3, 1, 1), new BasicConv2d(32, 32, 3, 1, 1));
        _conv2d = nn.Conv2d(96, 256, 1);
        _relu = nn.ReLU();
        register_module("branch0", _branch0);
        register_module("branch1", _branch1);
        register_module("branch2", _branch2);
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
        var branches = cat([_branch0.call(input), _branch1.call(input), _branch2.call(input)], 1);
        return _relu.call(_conv2d.call(branches).mul(_scale).add(input)).MoveToOuterDisposeScope();
    }
}
