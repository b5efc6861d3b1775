using System.Text;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Dictionary.Building;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Tests.Dictionary.Building;

public sealed class ConceptMapReaderTests
{
    private const string Minimal = """
        {
          "name": "mine", "version": 2, "landmark_model": "ibug68", "confidence": 0.9,
          "concepts": [ { "name": "left_eye", "type": "part", "region": "eye", "landmarks": [[36, 37, 38, 39, 40, 41]] } ]
        }
        """;

    private static ConceptMap Parse(string json, string file) =>
        ConceptMapReader.Parse(Encoding.UTF8.GetBytes(json), file, new JsonSchemaValidator());

    [Fact]
    public void Standard_CoversThe38StandardConceptsInCanonicalOrder()
    {
        var map = ConceptMapReader.Standard;

        Assert.Equal("standard@1", map.Label);
        Assert.Equal(StandardConcepts.Local, map.Concepts.Select(c => c.Concept).ToList());
        Assert.All(map.Concepts, c => Assert.All(c.Groups, g => Assert.All(g, i => Assert.InRange(i, 0, 67))));
        Assert.All(map.Concepts, c => Assert.All(c.Groups, g => Assert.Equal(g.Count, g.Distinct().Count())));
        Assert.Equal(0.95, map.Confidence);
    }

    [Fact]
    public void Standard_DrawsEachEyeFromItsSixIbugPoints()
    {
        var map = ConceptMapReader.Standard;

        Assert.Equal([36, 37, 38, 39, 40, 41], map.Find("left_eye")!.Groups.Single());
        Assert.Equal([42, 43, 44, 45, 46, 47], map.Find("right_eye")!.Groups.Single());
        Assert.Equal(Enumerable.Range(48, 12), map.Find("mouth")!.Groups.Single());
    }

    [Fact]
    public void StandardFile_IsValidAgainstTheConceptMapSchema()
    {
        using var stream = typeof(ConceptMapReader).Assembly.GetManifestResourceStream("HndGate.Engine.Dictionary.Building.standard-concept-map.json")!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);

        using var validated = new JsonSchemaValidator().Validate(ConceptMapReader.SchemaFile, bytes.ToArray(), "standard");

        Assert.Equal(38, validated.Root.GetProperty("concepts").GetArrayLength());
    }

    [Fact]
    public void Parse_ReadsEveryField_ForAMinimalMap()
    {
        var map = Parse(Minimal, "mine.json");

        Assert.Equal(("mine", 2, 0.9, 1.0), (map.Name, map.Version, map.Confidence, map.MinSemiAxis));
        Assert.Equal(new Concept("left_eye", ConceptType.Part, "eye"), map.Concepts.Single().Concept);
    }

    [Theory]
    [InlineData("\"landmarks\": [[36, 37, 38, 39, 40, 41]]", "\"landmarks\": [[36, 68]]", "/concepts/0/landmarks/0/1")]
    [InlineData("\"confidence\": 0.9", "\"confidence\": 1.5", "/confidence")]
    [InlineData("\"type\": \"part\"", "\"type\": \"organ\"", "/concepts/0/type")]
    [InlineData("\"version\": 2", "\"version\": 2, \"colour\": 1", "/colour")]
    [InlineData("\"landmark_model\": \"ibug68\"", "\"landmark_model\": \"mp468\"", "/landmark_model")]
    [InlineData("\"landmarks\": [[36, 37, 38, 39, 40, 41]]", "\"landmarks\": [[36, 36]]", "/concepts/0/landmarks/0")]
    public void Parse_NamesFileAndPointer_ForABrokenMap(string good, string bad, string pointer)
    {
        var e = Assert.Throws<HndGateInputException>(() => Parse(Minimal.Replace(good, bad), "broken.json"));

        Assert.Equal("broken.json", e.File);
        Assert.Equal(pointer, e.JsonPointer);
        Assert.StartsWith($"broken.json:", e.Message);
    }

    [Fact]
    public void Parse_NamesTheSecondEntry_ForAConceptListedTwice()
    {
        var twice = Minimal.Replace("]] } ]", "]] }, { \"name\": \"left_eye\", \"type\": \"part\", \"region\": \"eye\", \"landmarks\": [[36]] } ]");

        var e = Assert.Throws<HndGateInputException>(() => Parse(twice, "twice.json"));

        Assert.Equal(("twice.json", "/concepts/1/name", 3), (e.File, e.JsonPointer, e.Line));
        Assert.Contains("listed twice", e.Message);
    }

    [Fact]
    public void Parse_NamesTheLine_ForInvalidJson()
    {
        var e = Assert.Throws<HndGateInputException>(() => Parse("{\n  \"name\": \"x\",\n  oops\n}", "bad.json"));

        Assert.Equal(("bad.json", 3), (e.File, e.Line));
    }

    [Fact]
    public void Load_NamesTheFile_WhenItDoesNotExist()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var e = Assert.Throws<HndGateInputException>(() => ConceptMapReader.Load(path, new JsonSchemaValidator()));

        Assert.Equal(path, e.File);
    }
}
