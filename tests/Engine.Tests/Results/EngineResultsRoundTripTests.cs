using HndGate.Engine.Dissection;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using HndGate.Engine.Tests.Dissection;
using Xunit;

namespace HndGate.Engine.Tests.Results;

[Collection("Torch")]
public sealed class EngineResultsRoundTripTests
{
    [Fact]
    public void ReadResults_ReproduceTheEngineRecords_OfARandomDissection()
    {
        // Unit 0 is planted: localisable, interpretable and biased, so every part of a record is exercised.
        var dissection = new RandomDissectionCase(seed: 11, units: 8, height: 3, width: 3, tallySize: 12, images: 17, quantile: 0.3, ties: false, planted: true);
        var parameters = new DissectionParameters { IouThreshold = 0.02, TopImageCount = 3 };
        var layer = dissection.RunEngine(parameters, seed: 5, maxBatch: 4);
        var results = new DissectionResults(
            new DissectionFingerprint("0.1.0", "sha256:00", "activations", "sha256:11", "cpu", [new("quantile", "0.3")]),
            new DissectionSettings(0.3, 0.02, 12, 12, [.. dissection.Families.Select(f => new KeyValuePair<string, double>(f.Name, f.Threshold))]),
            [.. Enumerable.Range(0, dissection.Local.Length).Select(n => $"local/{n}.png")],
            [new DissectedLayer("features.3", 3, 3, layer)]);
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("results.json");

        ResultsWriter.Write(results, path);
        var read = ResultsReader.Read(path, new JsonSchemaValidator());

        Assert.Contains(layer.Units, u => u.Interpretable);
        Assert.Contains(layer.Units, u => u.Biased);
        Assert.Contains(read.Layers[0].Iou, row => row.Any(iou => iou > 0));
        RecordsAssert.Equal(RecordedResults.Of(results), read);
    }
}
