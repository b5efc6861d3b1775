using System.Text;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Tests.Schemas;

public sealed class JsonSchemaValidatorTests
{
    private const string Schema = "dictionary.schema.json";

    private readonly JsonSchemaValidator validator = new();

    // Line numbers in the tests count the lines of this text (1-based).
    private static string Manifest(string concept = "nose", string mask = "m/0.png", string subgroup = "\"images\": [\"g/a.png\"]") => $$"""
        {
          "format": "hnd-dictionary",
          "version": 1,
          "concepts": [
            { "name": "nose", "type": "part", "region": "nose" }
          ],
          "local": [
            {
              "image": "i/0.png",
              "masks": [
                { "concept": "{{concept}}", "mask": "{{mask}}" }
              ]
            }
          ],
          "global": [
            {
              "family": "gender",
              "subgroups": [
                { "name": "male", {{subgroup}} },
                { "name": "female", "images": ["g/b.png"] }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void Validate_ReturnsTheDocument_WhenTheManifestMatches()
    {
        using var json = validator.Validate(Schema, Bytes(Manifest()), "hnd-dictionary.json");

        Assert.Equal("i/0.png", json.Root.GetProperty("local")[0].GetProperty("image").GetString());
        Assert.Equal(new InputLocation("hnd-dictionary.json", 11, "/local/0/masks/0/concept"), json.At("/local/0/masks/0/concept"));
    }

    [Fact]
    public void Validate_NamesPointerAndLine_OfAConceptNameWithASpace()
    {
        var e = Assert.Throws<HndGateInputException>(() => validator.Validate(Schema, Bytes(Manifest(concept: "big nose")), "hnd-dictionary.json"));

        Assert.Equal("/local/0/masks/0/concept", e.JsonPointer);
        Assert.Equal(11, e.Line);
        Assert.StartsWith("hnd-dictionary.json:11 at /local/0/masks/0/concept: \"big nose\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("letters, digits", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("/etc/passwd")]
    [InlineData("m\\\\0.png")]
    [InlineData("C:/x.png")]
    public void Validate_RefusesAPathThatLeavesTheRoot_WithThePathRuleInTheMessage(string mask)
    {
        var e = Assert.Throws<HndGateInputException>(() => validator.Validate(Schema, Bytes(Manifest(mask: mask)), "hnd-dictionary.json"));

        Assert.Equal("/local/0/masks/0/mask", e.JsonPointer);
        Assert.Equal(11, e.Line);
        Assert.Contains("stays inside the root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsOnlyTheRealProblem_OfALocalArray_NotTheCsvAlternative()
    {
        var e = Assert.Throws<HndGateInputException>(() => validator.Validate(Schema, Bytes(Manifest(concept: "a b")), "hnd-dictionary.json"));

        Assert.DoesNotContain("should be \"object\"", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("also", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesTheSubgroup_ThatHasBothImagesAndGlob()
    {
        var e = Assert.Throws<HndGateInputException>(() =>
            validator.Validate(Schema, Bytes(Manifest(subgroup: "\"images\": [\"g/a.png\"], \"glob\": \"g/*.png\"")), "hnd-dictionary.json"));

        Assert.Equal("/global/0/subgroups/0", e.JsonPointer);
        Assert.Equal(19, e.Line);
        Assert.Contains("not both", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesTheSubgroup_ThatHasNeitherImagesNorGlob()
    {
        var e = Assert.Throws<HndGateInputException>(() => validator.Validate(Schema, Bytes(Manifest(subgroup: "\"x\": 1")), "hnd-dictionary.json"));

        Assert.Equal("/global/0/subgroups/0", e.JsonPointer);
        Assert.Contains("\"images\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"glob\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("hnd-dictionary.json:19 at /global/0/subgroups/0/x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ListsEveryViolation_InDocumentOrder()
    {
        var text = Manifest(concept: "a b").Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);

        var e = Assert.Throws<HndGateInputException>(() => validator.Validate(Schema, Bytes(text), "m.json"));

        Assert.Equal("/version", e.JsonPointer);
        Assert.Equal(3, e.Line);
        Assert.Contains("also m.json:11 at /local/0/masks/0/concept", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesTheRoot_WhenARequiredPropertyIsMissing()
    {
        var text = Manifest().Replace("\"format\": \"hnd-dictionary\",", string.Empty, StringComparison.Ordinal);

        var e = Assert.Throws<HndGateInputException>(() => validator.Validate(Schema, Bytes(text), "m.json"));

        Assert.Equal(string.Empty, e.JsonPointer);
        Assert.Equal(1, e.Line);
        Assert.Contains("\"format\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesTheLineOfASyntaxError()
    {
        var text = Manifest().Replace("\"version\": 1,", "\"version\": 1,,", StringComparison.Ordinal);

        var e = Assert.Throws<HndGateInputException>(() => validator.Validate(Schema, Bytes(text), "m.json"));

        Assert.Equal(3, e.Line);
        Assert.StartsWith("m.json:3: not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesPointerAndLine_OfADuplicateProperty()
    {
        var text = Manifest().Replace("\"region\": \"nose\"", "\"region\": \"nose\", \"type\": \"part\"", StringComparison.Ordinal);

        var e = Assert.Throws<HndGateInputException>(() => validator.Validate(Schema, Bytes(text), "m.json"));

        Assert.Equal("/concepts/0/type", e.JsonPointer);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void Validate_AcceptsAByteOrderMark()
    {
        using var json = validator.Validate(Schema, [0xEF, 0xBB, 0xBF, .. Bytes(Manifest())], "m.json");

        Assert.Equal(1, json.Root.GetProperty("version").GetInt32());
    }

    [Fact]
    public void Validate_BuildsEachSchemaOnce_AndValidatesMany()
    {
        // A second build of the same $id in one registry would throw; two validators must not share one either.
        var other = new JsonSchemaValidator();
        for (var i = 0; i < 3; i++)
        {
            using var a = validator.Validate(Schema, Bytes(Manifest()), "a.json");
            using var b = other.Validate(Schema, Bytes(Manifest()), "b.json");
        }

        Assert.Throws<HndGateInputException>(() => other.Validate(Schema, Bytes(Manifest(concept: "x y")), "b.json"));
    }

    [Fact]
    public void ReadFile_NamesAMissingFile()
    {
        var e = Assert.Throws<HndGateInputException>(() => validator.ReadFile(Schema, "/no/such/file.json", "file.json"));

        Assert.Equal("file.json", e.File);
    }

    [Fact]
    public void Validate_RefusesAnUnknownSchema()
    {
        var e = Assert.Throws<ArgumentException>(() => validator.Validate("nope.schema.json", Bytes("{}"), "a.json"));

        Assert.Contains("dictionary.schema.json", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
