using System.Text;
using System.Text.Json;
using HndGate.Engine.Dissection;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using Xunit;
using Xunit.Abstractions;

namespace HndGate.Engine.Tests.Results;

public sealed class ResultsWriterTests(ITestOutputHelper output)
{
    private static string Text(DissectionResults results) => Encoding.UTF8.GetString(ResultsWriter.Serialize(RecordedResults.Of(results)));

    private static JsonElement Layer(string text) => JsonDocument.Parse(text).RootElement.GetProperty("layers")[0];

    private static IEnumerable<string> Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name);

    [Fact]
    public void Write_WritesIdenticalBytes_ForTheSameResultsTwice()
    {
        using var folder = new TemporaryDirectory();

        ResultsWriter.Write(ResultsFixtures.Small(), folder.Combine("a.json"));
        ResultsWriter.Write(ResultsFixtures.Small(), folder.Combine("b.json"));

        Assert.Equal(File.ReadAllBytes(folder.Combine("a.json")), File.ReadAllBytes(folder.Combine("b.json")));
        Assert.Equal(ResultsWriter.Serialize(RecordedResults.Of(ResultsFixtures.Small())), File.ReadAllBytes(folder.Combine("a.json")));
        Assert.Equal(["a.json", "b.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Serialize_IndentsByTwoSpacesWithLfLineEnds_AndEndsWithANewline()
    {
        var text = Text(ResultsFixtures.Small());

        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"$schema\": \"https://hnd-gate.dev/schemas/results.schema.json\",\n  \"format\": \"hnd-results\",\n  \"version\": 1,\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WritesInnermostObjectsOneALine_AtTheirIndentation()
    {
        var text = Text(ResultsFixtures.Small());

        Assert.Contains("\n          \"top_images\": [\n            {\"image\":\"parts/ü/original.png\",\"max\":123457000},\n            {\"image\":\"AU/0/original.png\",\"max\":1E-07}\n          ]\n", text, StringComparison.Ordinal);
        Assert.Contains("\n          \"top_images\": []\n", text, StringComparison.Ordinal);
        Assert.Contains("\n          \"concepts\": {\n            \"Smiling\": {\"p\":0.123457,\"interpretable\":false},\n", text, StringComparison.Ordinal);
        Assert.Contains("\n        \"local_global\": [\n          {\"concept\":\"AU_12\",\"family\":\"gender\",\"subgroup\":\"male\",\"units\":1},\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WritesRoundedNumbersInTheirShortestForm()
    {
        var text = Text(ResultsFixtures.Small());

        Assert.Contains("\"threshold\": 0.123457,", text, StringComparison.Ordinal);
        Assert.Contains("\"threshold\": 123457000,", text, StringComparison.Ordinal);
        Assert.Contains("\"threshold\": -2.5E-05,", text, StringComparison.Ordinal);
        Assert.Contains("\"top_iou\": 0.333333,", text, StringComparison.Ordinal);
        Assert.Contains("\"top_iou\": 0.3,", text, StringComparison.Ordinal);
        Assert.Contains("{\"image\":\"AU/0/original.png\",\"max\":1E-07}", text, StringComparison.Ordinal);
        Assert.Contains("{\"image\":\"parts/ü/original.png\",\"max\":123457000}", text, StringComparison.Ordinal);
        Assert.Contains("\"female\": {\"p\":0.333333,\"biased\":false}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_NeverWritesNegativeZero()
    {
        var text = Text(ResultsFixtures.Small());

        Assert.Contains("\"threshold\": 0,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("-0,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WritesCountsAsExactIntegers()
    {
        var text = Text(ResultsFixtures.Small());

        Assert.Contains("\"top_count\": 123456789,", text, StringComparison.Ordinal);
        Assert.Contains("\"map_size\": [7,7],", text, StringComparison.Ordinal);
        Assert.Contains("\"tally_size\": 112,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ListsNamedKeysInDictionaryOrder()
    {
        var layer = Layer(Text(ResultsFixtures.Small()));
        var summary = layer.GetProperty("summary");
        var unit = layer.GetProperty("units")[0];

        Assert.Equal(["Smiling", "AU_12", "zeta_brow", "AU_1"], Keys(summary.GetProperty("units_per_concept")));
        Assert.Equal(["mouth", "eye"], Keys(summary.GetProperty("units_per_region")));
        Assert.Equal(["action_unit", "part", "attribute"], Keys(summary.GetProperty("units_per_type")));
        Assert.Equal(["gender", "age"], Keys(summary.GetProperty("biased_ratio")));
        Assert.Equal(["male", "female"], Keys(summary.GetProperty("biased_ratio").GetProperty("gender").GetProperty("subgroups")));
        Assert.Equal(["Smiling", "AU_12"], Keys(unit.GetProperty("concepts")));
        Assert.Equal(["gender", "age"], Keys(unit.GetProperty("families")));
        Assert.Equal(["young", "adult", "middle", "old"], Keys(unit.GetProperty("families").GetProperty("age")));
    }

    [Fact]
    public void Serialize_SortsOptionsByName()
    {
        var options = JsonDocument.Parse(Text(ResultsFixtures.Small())).RootElement.GetProperty("fingerprint").GetProperty("options");

        Assert.Equal(["batch_size", "device", "quantile"], Keys(options));
        Assert.Equal("0.005", options.GetProperty("quantile").GetString());
    }

    [Fact]
    public void Serialize_ListsOnlyTheNonZeroCellsOfLocalGlobal()
    {
        var cells = Layer(Text(ResultsFixtures.Small())).GetProperty("summary").GetProperty("local_global").EnumerateArray()
            .Select(c => $"{c.GetProperty("concept").GetString()} {c.GetProperty("family").GetString()} {c.GetProperty("subgroup").GetString()} {c.GetProperty("units").GetInt32()}");

        // u0 is interpretable for AU_12 and biased male; u2 for zeta_brow and biased young (ResultsFixtures.Small).
        Assert.Equal(["AU_12 gender male 1", "zeta_brow age young 1"], cells);
    }

    [Fact]
    public void Serialize_WritesAFileTheSchemaAccepts()
    {
        var bytes = ResultsWriter.Serialize(RecordedResults.Of(ResultsFixtures.Small()));

        using var json = new JsonSchemaValidator().Validate(ResultsReader.SchemaFile, bytes, "results.json");

        Assert.Equal(4, json.Root.GetProperty("layers")[0].GetProperty("units").GetArrayLength());
    }

    [Fact]
    public void Serialize_Throws_ForANaNWithItsPointer()
    {
        var results = ResultsFixtures.Small();
        var layer = results.Layers[0];
        var units = layer.Result.Units.Select(u => u.Unit == 2 ? u with { TopIou = double.NaN } : u).ToList();
        var broken = results with { Layers = [layer with { Result = layer.Result with { Units = units } }] };

        var e = Assert.Throws<ArgumentException>(() => ResultsWriter.Serialize(RecordedResults.Of(broken)));

        Assert.Contains("/layers/0/units/2/top_iou", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_Throws_ForATopImageOutsideTheLocalImages()
    {
        var results = ResultsFixtures.Small() with { LocalImages = ["AU/0/original.png"] };

        var e = Assert.Throws<ArgumentException>(() => ResultsWriter.Serialize(RecordedResults.Of(results)));

        Assert.Contains("/layers/0/units/0/top_images/0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_Throws_ForANameThatRepeats()
    {
        var results = ResultsFixtures.Small();
        var settings = results.Settings with { FamilyThresholds = [new("gender", 0.55), new("gender", 0.3)] };

        var e = Assert.Throws<ArgumentException>(() => ResultsWriter.Serialize(RecordedResults.Of(results with { Settings = settings })));

        Assert.Contains("/settings/family_thresholds", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A 2,048-unit layer of the standard dictionary (38 concepts, 5 families, 14 subgroups, 5 top images).
    /// Bound, for the largest unit (localisable in the eye region, 12 concepts): about 350 bytes of its own
    /// fields, 225 of family headers, and one line per subgroup (14 × ≤ 65 bytes), per concept of its region
    /// (12 × ≤ 70) and per top image (5 × ≤ 71): ≤ 2,700 bytes a unit, 5.5 MB for the layer.
    /// </summary>
    [Fact]
    public void Serialize_KeepsALargeStandardLayerUnder2700BytesAUnit()
    {
        var results = StandardLayerCase.Create(units: 2048, seed: 7);

        var bytes = ResultsWriter.Serialize(RecordedResults.Of(results));

        output.WriteLine($"2,048-unit layer: {bytes.Length:N0} bytes, {bytes.Length / 2048.0:F0} bytes per unit");
        Assert.InRange(bytes.Length, 2048 * 500, 2048 * 2700);
    }
}
