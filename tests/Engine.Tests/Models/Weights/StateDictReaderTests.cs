using System.Text.Json;
using HndGate.Engine.Models.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models.Weights;

/// <summary>
/// The readers against files real torch.save (PyTorch 1.13) wrote: tiny_expected.json, written by the same
/// script from the same tensors, holds every value as a float64 (exact for every dtype in the files).
/// </summary>
[Collection("Torch")]
public sealed class StateDictReaderTests
{
    public static TheoryData<string, WeightFileFormat> TinyFiles => new()
    {
        { "tiny.pth", WeightFileFormat.PyTorch },
        { "tiny_legacy.pth", WeightFileFormat.PyTorchLegacy },
        { "tiny_protocol4.pth", WeightFileFormat.PyTorch },
        { "tiny.safetensors", WeightFileFormat.Safetensors },
        { "tiny.dat", WeightFileFormat.TorchSharp },
    };

    [Theory]
    [MemberData(nameof(TinyFiles))]
    public void Read_GivesEveryTensorWithItsTypeShapeAndValues_InEachFormat(string file, WeightFileFormat format)
    {
        using var weights = StateDictReader.Read(WeightFixtures.Path(file));

        Assert.Equal(format, weights.Format);
        AssertTinyEntries(weights);
    }

    [Fact]
    public void Read_FindsTheStateDictUnderModel_AndStripsTheModulePrefix()
    {
        using var weights = StateDictReader.Read(WeightFixtures.Path("tiny_nested.pth"));

        Assert.Equal("model", weights.NestedKey);
        Assert.True(weights.StrippedModulePrefix);
        AssertTinyEntries(weights);
    }

    [Fact]
    public void Read_TakesParameters_AsTheirTensors()
    {
        using var weights = StateDictReader.Read(WeightFixtures.Path("tiny_parameters.pth"));

        Assert.Equal(["w", "b"], weights.Entries.Select(e => e.Key));
        Assert.Equal([1f, 2f], weights.Entries[0].Value.data<float>().ToArray());
        Assert.Equal([1L, 1], weights.Entries[1].Value.shape);
    }

    [Fact]
    public void Read_LeavesNoTensorAlive_OnceDisposed()
    {
        var before = LiveTensors.Settled();

        using (StateDictReader.Read(WeightFixtures.Path("resnet18.pth")))
        {
        }

        Assert.Equal(before, Tensor.TotalCount);
    }

    [Theory]
    [InlineData("evil_os_system.pth", "'posix.system'")]
    [InlineData("evil_eval.pth", "'__builtin__.eval'")]
    [InlineData("whole_module.pth", "'torch.nn.modules.container.Sequential'")]
    public void Read_RefusesAPickleThatAsksForAnythingButTensors_NamingTheGlobal(string file, string global)
    {
        var path = WeightFixtures.Path(file);

        var e = Assert.Throws<HndGateInputException>(() => StateDictReader.Read(path));

        Assert.Equal(path, e.File);
        Assert.Contains($"the checkpoint asks for {global}", e.Message, StringComparison.Ordinal);
        Assert.Contains("torch.save(model.state_dict(), path)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tiny.pth")]
    [InlineData("tiny_legacy.pth")]
    [InlineData("tiny.safetensors")]
    [InlineData("tiny.dat")]
    public void Read_ExplainsATruncatedFile_AtEveryCut(string file)
    {
        using var dir = new TemporaryDirectory();
        var bytes = File.ReadAllBytes(WeightFixtures.Path(file));
        var path = dir.Combine(file);
        var before = LiveTensors.Settled();

        foreach (var cut in new[] { 1, 9, 20, bytes.Length / 3, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(path, bytes[..cut]);

            var e = Assert.Throws<HndGateInputException>(() => StateDictReader.Read(path));

            Assert.Equal(path, e.File);
        }

        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void Read_RefusesAFileOfAnotherKind_SayingWhatItReads()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Combine("weights.pth");
        File.WriteAllText(path, "not weights at all");

        var e = Assert.Throws<HndGateInputException>(() => StateDictReader.Read(path));

        Assert.Contains("does not recognise the weights file", e.Message, StringComparison.Ordinal);
        Assert.Contains("'not weigh'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TellsATorchScriptArchive_FromAStateDict()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Combine("model.pt");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            zip.CreateEntry("model/data.pkl");
            zip.CreateEntry("model/constants.pkl");
            zip.CreateEntry("model/code/__torch__/model.py");
        }

        var e = Assert.Throws<HndGateInputException>(() => StateDictReader.Read(path));

        Assert.Contains("is a TorchScript archive (torch.jit.save), not a state_dict", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TellsAnOnnxFile_FromAWeightsFile()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Combine("model.onnx");
        File.WriteAllBytes(path, [0x08, 0x07, 0x12, 0x07]);

        var e = Assert.Throws<HndGateInputException>(() => StateDictReader.Read(path));

        Assert.Contains("the file is an ONNX model, not a weights file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExplainsAMissingFile()
    {
        var e = Assert.Throws<HndGateInputException>(() => StateDictReader.Read("/nonexistent/w.pth"));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAStorageViewReachingOutsideItsStorage()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Combine("w.pth");
        TorchZipWriter.Write(path, [("w", tensor(new float[] { 1, 2, 3, 4 }))], tamperShape: [5]);

        var e = Assert.Throws<HndGateInputException>(() => StateDictReader.Read(path));

        Assert.Contains("'w' (shape [5], stride [1], offset 0) reaches outside its storage of 4 elements", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReadsWhatTorchSharpsModuleSaveWrote()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Combine("model.dat");
        torch.manual_seed(3);
        using var module = nn.Sequential(("conv", nn.Conv2d(2, 3, 3)), ("bn", nn.BatchNorm2d(3)));
        module.save(path);

        using var weights = StateDictReader.Read(path);

        var expected = module.state_dict();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), weights.Entries.Select(e => e.Key).Order(StringComparer.Ordinal));
        foreach (var (name, value) in weights.Entries)
        {
            Assert.Equal(expected[name].dtype, value.dtype);
            Assert.Equal(expected[name].shape, value.shape);
            Assert.True(expected[name].eq(value).all().item<bool>(), name);
        }
    }

    private static void AssertTinyEntries(StateDict weights)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(WeightFixtures.Path("tiny_expected.json")));
        var expected = json.RootElement.EnumerateObject().ToList();
        Assert.Equal(expected.Select(e => e.Name), weights.Entries.Select(e => e.Key));
        foreach (var (entry, (name, value)) in expected.Zip(weights.Entries))
        {
            Assert.Equal(entry.Value.GetProperty("dtype").GetString(), TypeName(value.dtype));
            Assert.Equal(entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), value.shape);
            using var asDouble = value.to_type(ScalarType.Float64).reshape(-1);
            Assert.Equal(entry.Value.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()), asDouble.data<double>().ToArray());
            Assert.True(value.is_contiguous(), name);
        }
    }

    private static string TypeName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float64 => "float64",
        ScalarType.Int64 => "int64",
        ScalarType.Int32 => "int32",
        ScalarType.Byte => "uint8",
        ScalarType.Bool => "bool",
        _ => type.ToString(),
    };
}
