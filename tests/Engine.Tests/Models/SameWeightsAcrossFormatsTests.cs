using HndGate.Engine.Models;
using HndGate.Engine.Models.Onnx;
using HndGate.Engine.Models.Weights;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models;

/// <summary>
/// Issue 4: the same weights through state_dict, TorchScript and ONNX give the same activations within 1e-4.
/// The state_dict (tiny_cnn.pth, read by hnd-gate's own reader) drives the fixture's network written here
/// with TorchSharp's functional operations, layer for layer as make_export_fixtures.py defines TinyCnn.
/// </summary>
[Collection("Torch")]
public sealed class SameWeightsAcrossFormatsTests
{
    [Fact]
    public void StateDictTorchScriptAndOnnx_GiveTheSameActivations()
    {
        using var scope = NewDisposeScope();
        var input = ExportedModels.Input();
        var fromStateDict = TinyCnnFromStateDict(ExportedModels.Path("tiny_cnn.pth"), input);

        using var script = TorchScriptCapture.Open(
            ExportedModels.Card(ModelFormat.TorchScript, "tiny_cnn_tuple.pt", ExportedModels.Layers) with { Outputs = ExportedModels.Layers },
            ExportedModels.Layers,
            CPU);
        var fromScript = script.Run(input);
        var onnxLayers = ExportedModels.Layers.Select(ExportedModels.OnnxValue).ToList();
        using var onnx = OnnxCapture.Open(ExportedModels.Card(ModelFormat.Onnx, "tiny_cnn.onnx", onnxLayers), onnxLayers, CPU, deviceRequested: false);
        var fromOnnx = onnx.Run(input);

        for (var l = 0; l < ExportedModels.Layers.Count; l++)
        {
            Assert.Equal(fromStateDict[l].shape, fromScript[l].shape);
            Assert.Equal(fromStateDict[l].shape, fromOnnx[l].shape);
            Assert.True(fromStateDict[l].allclose(fromScript[l], rtol: 0, atol: ExportedModels.Tolerance), $"{ExportedModels.Layers[l]}: state_dict vs TorchScript");
            Assert.True(fromStateDict[l].allclose(fromOnnx[l], rtol: 0, atol: ExportedModels.Tolerance), $"{ExportedModels.Layers[l]}: state_dict vs ONNX");
            ExportedModels.AssertMatchesReference(ExportedModels.Layers[l], fromStateDict[l]);
        }
    }

    /// <summary>relu1, relu2 and relu3 of TinyCnn (eval mode) with the state_dict's weights.</summary>
    private static IReadOnlyList<Tensor> TinyCnnFromStateDict(string path, Tensor input)
    {
        using var weights = StateDictReader.Read(path);
        var w = weights.Entries.ToDictionary(e => e.Key, e => e.Value.clone(), StringComparer.Ordinal);
        var relu1 = nn.functional.relu(nn.functional.conv2d(input, w["conv1.weight"], w["conv1.bias"], padding: [1, 1]));
        var conv2 = nn.functional.conv2d(relu1, w["conv2.weight"], w["conv2.bias"], strides: [2, 2], padding: [1, 1]);
        var bn2 = nn.functional.batch_norm(conv2, w["bn2.running_mean"], w["bn2.running_var"], w["bn2.weight"], w["bn2.bias"], training: false, eps: 1e-5);
        var relu2 = nn.functional.relu(bn2);
        var relu3 = nn.functional.relu(nn.functional.conv2d(relu2, w["conv3.weight"], w["conv3.bias"], strides: [2, 2], padding: [1, 1]));
        return [relu1, relu2, relu3];
    }
}
