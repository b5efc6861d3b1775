using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Architectures;

/// <summary>Reduction-A (facenet-pytorch's Mixed_6a): 256 → 896 channels at half the resolution, three branches concatenated.</summary>
internal sealed class Mixed6a : nn.Module<Tensor, Tensor>
{
    private readonly BasicConv2d _branch0;
    private readonly Sequential _branch1;
    private readonly MaxPool2d _branch2;

    public Mixed6a()
        : base("Mixed_6a")
    {
        _branch0 = new BasicConv2d(256, 384, 3, 2);
        _branch1 = nn.Sequential(new BasicConv2d(256, 192, 1, 1), new BasicConv2d(192, 192, 3, 1, 1), new BasicConv2d(192, 256, 3, 2));
        _branch2 = nn.MaxPool2d(3, stride: 2);
        register_module("branch0", _branch0);
        register_module("branch1", _branch1);
        register_module("branch2", _branch2);
    }

    /// <summary>Children are registered under facenet-pytorch's names in the constructor; TorchSharp's default would add them again under the field names.</summary>
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return cat([_branch0.call(input), _branch1.call(input), _branch2.call(input)], 1).MoveToOuterDisposeScope();
    }
}
