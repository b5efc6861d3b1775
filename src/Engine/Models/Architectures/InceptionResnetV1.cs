using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Architectures;

/// <summary>
/// FaceNet's Inception-ResNet-v1 with facenet-pytorch's module names and structure, so that its published
/// VGGFace2 and CASIA-Webface state_dicts load (their 'logits' classifier is not built: hnd-gate never
/// uses it, and the loader lists it as unused). Input 160×160 (at least 75), pixels (x − 127.5) / 128.
/// The output is the L2-normalised 512-d embedding, as facenet-pytorch gives with classify=False.
/// </summary>
public sealed class InceptionResnetV1 : nn.Module<Tensor, Tensor>
{
    private readonly IReadOnlyList<nn.Module<Tensor, Tensor>> _features;
    private readonly Linear _lastLinear;
    private readonly BatchNorm1d _lastBn;

    public InceptionResnetV1()
        : base(nameof(InceptionResnetV1))
    {
        (string Name, nn.Module<Tensor, Tensor> Module)[] features =
        [
            ("conv2d_1a", new BasicConv2d(3, 32, 3, 2)),
            ("conv2d_2a", new BasicConv2d(32, 32, 3, 1)),
            ("conv2d_2b", new BasicConv2d(32, 64, 3, 1, 1)),
            ("maxpool_3a", nn.MaxPool2d(3, stride: 2)),
            ("conv2d_3b", new BasicConv2d(64, 80, 1, 1)),
            ("conv2d_4a", new BasicConv2d(80, 192, 3, 1)),
            ("conv2d_4b", new BasicConv2d(192, 256, 3, 2)),
            ("repeat_1", nn.Sequential(Enumerable.Range(0, 5).Select(_ => new Block35(0.17)))),
            ("mixed_6a", new Mixed6a()),
            ("repeat_2", nn.Sequential(Enumerable.Range(0, 10).Select(_ => new Block17(0.10)))),
            ("mixed_7a", new Mixed7a()),
            ("repeat_3", nn.Sequential(Enumerable.Range(0, 5).Select(_ => new Block8(0.20, relu: true)))),
            ("block8", new Block8(1.0, relu: false)),
            ("avgpool_1a", nn.AdaptiveAvgPool2d(1)),
            ("dropout", nn.Dropout(0.6)),
        ];
        foreach (var (name, module) in features)
        {
            register_module(name, module);
        }

        _features = features.Select(f => f.Module).ToList();
        _lastLinear = nn.Linear(1792, 512, hasBias: false);
        _lastBn = nn.BatchNorm1d(512, eps: 0.001, momentum: 0.1);
        register_module("last_linear", _lastLinear);
        register_module("last_bn", _lastBn);
    }

    /// <summary>Children are registered under facenet-pytorch's names in the constructor; TorchSharp's default would add them again under the field names.</summary>
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var module in _features)
        {
            x = module.call(x);
        }

        var embedding = _lastBn.call(_lastLinear.call(x.view(x.shape[0], -1)));
        return nn.functional.normalize(embedding, p: 2, dim: 1).MoveToOuterDisposeScope();
    }
}
