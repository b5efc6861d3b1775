using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Architectures;

/// <summary>facenet-pytorch's BasicConv2d: convolution without bias, BatchNorm (eps 0.001, as in TensorFlow), ReLU.</summary>
internal sealed class BasicConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _conv;
    private readonly BatchNorm2d _bn;
    private readonly ReLU _relu;

    public BasicConv2d(long inputs, long outputs, (long H, long W) kernel, long stride, (long H, long W) padding = default)
        : base(nameof(BasicConv2d))
    {
        _conv = nn.Conv2d(inputs, outputs, kernel, stride: (stride, stride), padding: padding, bias: false);
        _bn = nn.BatchNorm2d(outputs, eps: 0.001, momentum: 0.1);
        _relu = nn.ReLU();
        register_module("conv", _conv);
        register_module("bn", _bn);
        register_module("relu", _relu);
    }

    public BasicConv2d(long inputs, long outputs, long kernel, long stride, long padding = 0)
        : this(inputs, outputs, (kernel, kernel), stride, (padding, padding))
    {
    }

    /// <summary>Children are registered under facenet-pytorch's names in the constructor; TorchSharp's default would add them again under the field names.</summary>
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor input) => _relu.call(_bn.call(_conv.call(input)));
}
