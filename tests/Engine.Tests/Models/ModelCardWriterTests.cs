using HndGate.Engine.Models;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Tests.Models;

public sealed class ModelCardWriterTests
{
    [Fact]
    public void ToJson_WritesACardTheReaderReadsBack_WithTheWeightsRelativeToTheCard()
    {
        using var dir = new TemporaryDirectory();
        Directory.CreateDirectory(dir.Combine("models"));
        var weights = dir.Combine("models", "gender.pth");
        File.WriteAllBytes(weights, [0]);
        var card = new ModelCard(
            dir.Combine("cards", "hnd-model.json"), "torchvision", "resnet50", 2, weights, 0, "gender classification",
            new ModelInputSpec(112, "BGR", 255, [91.5, 103.25, 131.0], [1, 2, 3.5]), ["layer4.2.conv3", "layer3"]);
        Directory.CreateDirectory(dir.Combine("cards"));

        var json = ModelCardWriter.ToJson(card);
        File.WriteAllBytes(card.CardPath, json);
        var read = ModelCardReader.Read(card.CardPath, new JsonSchemaValidator());

        Assert.Contains("\"weights\": \"../models/gender.pth\"", System.Text.Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Equal(card with { Input = read.Input, Layers = read.Layers, Outputs = read.Outputs }, read);
        Assert.Equal(card.Outputs, read.Outputs);
        Assert.Equal(card.Input.Mean, read.Input.Mean);
        Assert.Equal(card.Input.Std, read.Input.Std);
        Assert.Equal((card.Input.Size, card.Input.ChannelOrder, card.Input.PixelScale), (read.Input.Size, read.Input.ChannelOrder, read.Input.PixelScale));
        Assert.Equal(card.Layers, read.Layers);
    }
}
