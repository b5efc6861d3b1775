using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Architectures;

/// <summary>Reduction-B (facenet-pytorch's Mixed_7a): 896 → 1792 channels at half the resolution, four branches concatenated.</summary>
internal sealed class Mixed7a : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _branch0;
    private readonly Sequential _branch1;
    private readonly Sequential _branch2;
    private readonly MaxPool2d _branch3;

    public Mixed7a()
        : base("Mixed_7a")
    {
        _branch0 = nn.Sequential(new BasicConv2d(896, 256, 1, 1), new BasicConv2d(256, 384, 3, 2));
        _branch1 = nn.Sequential(new BasicConv2d(896, 256, 1, 1), new BasicConv2d(256, 256, 3, 2));
        _branch2 = nn.Sequential(new BasicConv2d(896, 256, 1, 1), new BasicConv2d(256, 256, 3, 1, 1), new BasicConv2d(256, 256, 3, 2));
        _branch3 = nn.MaxPool2d(3, stride: 2);
        register_module("branch0", _branch0);
        register_module("branch1", _branch1);
        register_module("branch2", _branch2);
        register_module("branch3", _branch3);
    }

    /// <summary>Children are registered under facenet-pytorch's names in the constructor; TorchSharp's default would add them again under the field names.</summary>
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return cat([_branch0.call(input), _branch1.call(input), _branch2.call(input), _branch3.call(input)], 1).MoveToOuterDisposeScope();
    }
}
