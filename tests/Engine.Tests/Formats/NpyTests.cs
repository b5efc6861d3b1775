using HndGate.Engine.Formats;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Formats;

[Collection("Torch")]
public sealed class NpyTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Formats", "Fixtures", name);

    // The fixtures hold a[i] = 0.25·i − 1 for i in 0..23, shape 2×3×2×2 (make_npy_fixtures.py).
    private static float Expected(int flatIndex) => (flatIndex * 0.25f) - 1.0f;

    [Theory]
    [InlineData("f32_2x3x2x2.npy", NpyDataType.Float32)]
    [InlineData("f16_2x3x2x2.npy", NpyDataType.Float16)]
    public void ReadRows_ReturnsNumpysValuesAsFloat32_ForFilesNumpyWrote(string file, NpyDataType type)
    {
        using var reader = NpyReader.Open(Fixture(file));
        using var second = reader.ReadRows(1, 1);

        Assert.Equal(type, reader.Header.DataType);
        Assert.Equal([2L, 3, 2, 2], reader.Header.Shape);
        Assert.Equal([1L, 3, 2, 2], second.shape);
        Assert.Equal(ScalarType.Float32, second.dtype);
        var values = second.data<float>().ToArray();
        Assert.Equal(Enumerable.Range(12, 12).Select(Expected), values);
    }

    [Theory]
    [InlineData("f64_2x2.npy", "'<f8'")]
    [InlineData("fortran_2x3.npy", "Fortran order")]
    public void Open_RefusesArraysItCannotRead_NamingTheProblem(string file, string expected)
    {
        var e = Assert.Throws<HndGateInputException>(() => NpyReader.Open(Fixture(file)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RefusesATruncatedFile()
    {
        using var dir = new TemporaryDirectory();
        var bytes = File.ReadAllBytes(Fixture("f32_2x3x2x2.npy"));
        var cut = dir.Combine("cut.npy");
        File.WriteAllBytes(cut, bytes[..^5]);

        var e = Assert.Throws<HndGateInputException>(() => NpyReader.Open(cut));

        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RefusesAFileThatIsNotNpy()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Combine("x.npy");
        File.WriteAllText(path, "hello, world");

        var e = Assert.Throws<HndGateInputException>(() => NpyReader.Open(path));

        Assert.Contains("not a NumPy .npy file", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NpyDataType.Float32)]
    [InlineData(NpyDataType.Float16)]
    public void Writer_RoundTripsThroughTheReader_InSeveralAppends(NpyDataType type)
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Combine("a.npy");
        using var all = arange(0, 5 * 2 * 3, dtype: ScalarType.Float32).mul(0.5).reshape(5, 2, 3);
        using (var writer = new NpyWriter(path, type, [5, 2, 3]))
        {
            using var head = all.slice(0, 0, 2, 1);
            using var tail = all.slice(0, 2, 5, 1);
            writer.Append(head);
            writer.Append(tail);
            writer.Complete();
        }

        using var reader = NpyReader.Open(path);
        using var back = reader.ReadRows(0, 5);

        Assert.Equal(all.data<float>().ToArray(), back.data<float>().ToArray());
        Assert.Equal(0, reader.Header.DataOffset % 64);
    }

    [Fact]
    public void Writer_KeepsInt64CountsExact_BeyondWhatFloatsHold()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Combine("counts.npy");
        long[] counts = [0, 1, -7, (1L << 53) + 1, long.MaxValue, 42];
        using (var writer = new NpyWriter(path, NpyDataType.Int64, [2, 3]))
        {
            using var rows = tensor(counts, [2, 3]);
            writer.Append(rows);
            writer.Complete();
        }

        using var reader = NpyReader.Open(path);
        using var back = reader.ReadRows(0, 2);
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(NpyDataType.Int64, reader.Header.DataType);
        Assert.Equal(ScalarType.Int64, back.dtype);
        Assert.Equal(counts, back.data<long>().ToArray());
        // numpy's '<i8': little-endian 8-byte integers right after the header.
        Assert.Contains("'descr': '<i8'", System.Text.Encoding.Latin1.GetString(bytes, 0, (int)reader.Header.DataOffset), StringComparison.Ordinal);
        Assert.Equal(counts, Enumerable.Range(0, 6).Select(i => BitConverter.ToInt64(bytes, (int)reader.Header.DataOffset + (8 * i))));
    }

    [Fact]
    public void Writer_LeavesNothingBehind_WhenDisposedBeforeComplete()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Combine("a.npy");
        using (var writer = new NpyWriter(path, NpyDataType.Float32, [3, 2]))
        {
            using var one = ones(1, 2);
            writer.Append(one);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }
}
