using HndGate.Engine.Dissection;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class ActivationCacheTests
{
    private static Tensor Activations() =>
        // Multiples of 1/8 in a small range are exact in float16.
        arange(0, 7 * 3 * 2 * 2, dtype: ScalarType.Float32).remainder(97).div(8).reshape(7, 3, 2, 2);

    [Theory]
    [InlineData(1L << 20)]
    [InlineData(3 * 24)]
    [InlineData(0)]
    public void ReadRows_ReturnsWhatWasAppended_WhetherInMemoryOrSpilled(long budget)
    {
        using var dir = new TemporaryDirectory();
        using var scope = NewDisposeScope();
        var all = Activations();
        using var cache = new ActivationCache([7, 3, 2, 2], budget, CPU, dir.Path);

        cache.Append(all.slice(0, 0, 2, 1));
        cache.Append(all.slice(0, 2, 5, 1));
        cache.Append(all.slice(0, 5, 7, 1));

        Assert.Equal(Math.Min(7, budget / 24), cache.MemoryRows); // a row is 3·2·2 float16 values = 24 bytes
        Assert.True(cache.ReadRows(0, 7).allclose(all, rtol: 0, atol: 0));
        Assert.True(cache.ReadRows(2, 3).allclose(all.slice(0, 2, 5, 1), rtol: 0, atol: 0));
        Assert.Equal(cache.MemoryRows < 7 ? 1 : 0, Directory.GetFiles(dir.Path).Length);
    }

    [Theory]
    [InlineData(1L << 20)]
    [InlineData(3 * 24)]
    [InlineData(0)]
    public void ReadStoredRows_ReturnsFloat16RowsEqualToWhatWasAppended_WhetherInMemoryOrSpilled(long budget)
    {
        using var dir = new TemporaryDirectory();
        using var scope = NewDisposeScope();
        var all = Activations();
        using var cache = new ActivationCache([7, 3, 2, 2], budget, CPU, dir.Path);

        cache.Append(all.slice(0, 0, 2, 1));
        cache.Append(all.slice(0, 2, 5, 1));
        cache.Append(all.slice(0, 5, 7, 1));
        var rows = cache.ReadStoredRows(1, 5);

        Assert.Equal(ScalarType.Float16, rows.dtype);
        Assert.True(rows.is_contiguous());
        Assert.True(rows.to(ScalarType.Float32).allclose(all.slice(0, 1, 6, 1), rtol: 0, atol: 0));
    }

    [Fact]
    public void Dispose_DeletesTheSpillFile()
    {
        using var dir = new TemporaryDirectory();
        using (var cache = new ActivationCache([7, 3, 2, 2], 0, CPU, dir.Path))
        {
            using var all = Activations();
            cache.Append(all);
        }

        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Append_StoresFloat16_SoValuesAreRoundedToHalfPrecision()
    {
        using var dir = new TemporaryDirectory();
        using var cache = new ActivationCache([1, 1, 1, 2], 1 << 10, CPU, dir.Path);
        using var x = tensor(new[] { 1.0f / 3.0f, 2049f }).reshape(1, 1, 1, 2);

        cache.Append(x);
        using var back = cache.ReadRows(0, 1);

        Assert.Equal((float)(Half)(1.0f / 3.0f), back[0, 0, 0, 0].item<float>());
        Assert.Equal(2048f, back[0, 0, 0, 1].item<float>());
    }
}
