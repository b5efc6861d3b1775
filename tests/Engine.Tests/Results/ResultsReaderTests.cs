using System.Text;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using Xunit;

namespace HndGate.Engine.Tests.Results;

public sealed class ResultsReaderTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();
    private readonly JsonSchemaValidator validator = new();

    public void Dispose() => folder.Dispose();

    private static string Written() => Encoding.UTF8.GetString(ResultsWriter.Serialize(RecordedResults.Of(ResultsFixtures.Small())));

    private string Save(string text)
    {
        var path = folder.Combine("results.json");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    // The 1-based line of the first line of text that contains fragment, found independently of the reader.
    private static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((line, i) => (line, i)).First(l => l.line.Contains(fragment, StringComparison.Ordinal)).i + 1;

    private HndGateInputException Refused(string text) =>
        Assert.Throws<HndGateInputException>(() => ResultsReader.Read(Save(text), validator));

    [Fact]
    public void Read_ReproducesTheWrittenRecords_UpToRounding()
    {
        var results = RecordedResults.Of(ResultsFixtures.Small());
        var path = folder.Combine("results.json");
        ResultsWriter.Write(results, path);

        var read = ResultsReader.Read(path, validator);

        RecordsAssert.Equal(results, read);
        Assert.Equal(0.123457, read.Layers[0].Units[0].Threshold);
        Assert.Equal(["parts/ü/original.png", "AU/0/original.png", "parts/3/original.png", "AU/1/original.png"], read.LocalImages);
    }

    [Fact]
    public void Read_RebuildsTheWholeLocalGlobalCrossTab_WithZeros()
    {
        var summary = ResultsFixtures.Small().Layers[0].Result.Summary;

        var read = ResultsReader.Read(Save(Written()), validator).Layers[0].Summary;

        Assert.Equal(4 * 6, read.LocalGlobal.Count);
        Assert.Equal(summary.LocalGlobal, read.LocalGlobal);
    }

    [Fact]
    public void Read_ThenWrite_GivesTheSameBytes()
    {
        var written = Written();

        var read = ResultsReader.Read(Save(written), validator);

        Assert.Equal(written, Encoding.UTF8.GetString(ResultsWriter.Serialize(read)));
    }

    [Fact]
    public void Read_ReproducesALargeStandardLayer()
    {
        var results = RecordedResults.Of(StandardLayerCase.Create(units: 300, seed: 3));
        var path = folder.Combine("results.json");
        ResultsWriter.Write(results, path);

        RecordsAssert.Equal(results, ResultsReader.Read(path, validator));
    }

    [Fact]
    public void Read_RefusesAFileOfAnotherFormat_NamingItsLine()
    {
        var text = Written().Replace("\"format\": \"hnd-results\"", "\"format\": \"hnd-dictionary\"", StringComparison.Ordinal);

        var e = Refused(text);

        Assert.Equal(("/format", LineOf(text, "\"format\"")), (e.JsonPointer, e.Line));
        Assert.Contains("not an hnd-gate results file", e.Message, StringComparison.Ordinal);
        Assert.Contains("'hnd-dictionary'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAnotherVersion_SayingWhichItReads()
    {
        var text = Written().Replace("\"version\": 1,", "\"version\": 2,", StringComparison.Ordinal);

        var e = Refused(text);

        Assert.Equal(("/version", LineOf(text, "\"version\": 2")), (e.JsonPointer, e.Line));
        Assert.Contains("version 2 cannot be read by this hnd-gate, which reads version 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesPointerAndLine_OfAMissingSummary()
    {
        var text = Written().Replace("\"summary\":", "\"summry\":", StringComparison.Ordinal);

        var e = Refused(text);

        // The layer object that lacks it starts on the line after "layers": [.
        Assert.Equal(("/layers/0", LineOf(text, "\"layers\": [") + 1), (e.JsonPointer, e.Line));
        Assert.Contains("summary", e.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"{e.File}:{e.Line} at /layers/0: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesPointerAndLine_OfAValueOfTheWrongType()
    {
        var text = Written().Replace("\"threshold\": 123457000,", "\"threshold\": \"high\",", StringComparison.Ordinal);

        var e = Refused(text);

        Assert.Equal(("/layers/0/units/3/threshold", LineOf(text, "\"high\"")), (e.JsonPointer, e.Line));
        Assert.Contains("T_u of R2", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesARegion_ForAUnitThatIsNotLocalisable()
    {
        var text = Written().Replace("\"region\": null,", "\"region\": \"eye\",", StringComparison.Ordinal);

        var e = Refused(text);

        Assert.Equal(("/layers/0/units/1/region", LineOf(text, "\"region\": \"eye\"")), (e.JsonPointer, e.Line));
    }

    [Fact]
    public void Read_RefusesConceptProbabilities_ForAUnitThatIsNotLocalisable()
    {
        var text = Written().Replace("\"concepts\": {},", "\"concepts\": {\"AU_1\": {\"p\":0.5,\"interpretable\":false}},", StringComparison.Ordinal);

        var e = Refused(text);

        Assert.Equal(("/layers/0/units/1/concepts", LineOf(text, "\"AU_1\": {\"p\":0.5")), (e.JsonPointer, e.Line));
    }

    [Fact]
    public void Read_RefusesUnitsOutOfOrder()
    {
        var text = Written().Replace("\"unit\": 2,", "\"unit\": 7,", StringComparison.Ordinal);

        var e = Refused(text);

        Assert.Equal(("/layers/0/units/2/unit", LineOf(text, "\"unit\": 7")), (e.JsonPointer, e.Line));
        Assert.Contains("unit order", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesACrossTabCellOfAnUnknownConcept()
    {
        var text = Written().Replace("{\"concept\":\"AU_12\",", "{\"concept\":\"AU_99\",", StringComparison.Ordinal);

        var e = Refused(text);

        Assert.Equal("/layers/0/summary/local_global/0", e.JsonPointer);
        Assert.Contains("'AU_99'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAUnitWhoseFamiliesDifferFromTheSummary()
    {
        var text = Written().Replace("\"middle\": {", "\"mid\": {", StringComparison.Ordinal);

        var e = Refused(text);

        Assert.Equal("/layers/0/units/0/families", e.JsonPointer);
        Assert.Equal(LineOf(text, "\"families\": {"), e.Line);
    }

    [Fact]
    public void Read_RefusesASummaryThatCountsOtherUnits()
    {
        var text = Written().Replace("\"units\": 4,", "\"units\": 5,", StringComparison.Ordinal);

        var e = Refused(text);

        Assert.Equal(("/layers/0/summary/units", LineOf(text, "\"units\": 5")), (e.JsonPointer, e.Line));
    }

    [Fact]
    public void Read_RefusesAMissingFile_NamingIt()
    {
        var path = folder.Combine("absent.json");

        var e = Assert.Throws<HndGateInputException>(() => ResultsReader.Read(path, validator));

        Assert.Equal(path, e.File);
    }
}
