using HndGate.Engine.Models;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models;

[Collection("Torch")]
public sealed class InputPreprocessingTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Image_ScalesAndNormalisesEachChannel_WithoutResizingAtTheInputSize()
    {
        byte[] rgb = [255, 0, 51, 0, 255, 102, 10, 20, 30, 40, 50, 60];
        var spec = new ModelInputSpec(2, "RGB", 1.0, [0.5, 0.25, 0.0], [0.5, 0.25, 2.0]);

        using var x = InputPreprocessing.Image(rgb, 2, 2, spec);

        Assert.Equal([3L, 2, 2], x.shape);
        // Pixel (0,0) = (255, 0, 51): R (1 - 0.5)/0.5 = 1, G (0 - 0.25)/0.25 = -1, B (0.2 - 0)/2 = 0.1.
        Assert.Equal(1f, x[0, 0, 0].item<float>(), Tolerance);
        Assert.Equal(-1f, x[1, 0, 0].item<float>(), Tolerance);
        Assert.Equal(0.1f, x[2, 0, 0].item<float>(), Tolerance);
        // Pixel (1,1) = (40, 50, 60): G (50/255 - 0.25)/0.25.
        Assert.Equal(((50f / 255f) - 0.25f) / 0.25f, x[1, 1, 1].item<float>(), Tolerance);
    }

    [Fact]
    public void Image_ReversesTheChannels_ForBgrModelsInPixels0To255()
    {
        byte[] rgb = [10, 20, 30];
        var spec = new ModelInputSpec(1 << 3, "BGR", 255.0, [0, 0, 0], [1, 1, 1]);

        using var x = InputPreprocessing.Image(rgb, 1, 1, spec);

        Assert.Equal([3L, 8, 8], x.shape);
        Assert.Equal(30f, x[0, 3, 3].item<float>(), Tolerance);
        Assert.Equal(20f, x[1, 3, 3].item<float>(), Tolerance);
        Assert.Equal(10f, x[2, 3, 3].item<float>(), Tolerance);
    }

    [Fact]
    public void Image_ResizesBilinearlyWithHalfPixelCentres()
    {
        // One grey row 0, 255 (2×1) → 8×4: output column j samples x = (j + 0.5)·2/8 − 0.5, clamped at 0.
        byte[] rgb = [0, 0, 0, 255, 255, 255];
        var spec = new ModelInputSpec(8, "RGB", 1.0, [0, 0, 0], [1, 1, 1]);

        using var x = InputPreprocessing.Image(rgb, 2, 1, spec);

        float[] expected = [0f, 0f, 0.125f, 0.375f, 0.625f, 0.875f, 1f, 1f];
        for (var j = 0; j < 8; j++)
        {
            Assert.Equal(expected[j], x[0, 5, j].item<float>(), Tolerance);
        }
    }

    [Fact]
    public void Mask_ResizesNearestAndKeepsValuesAbove127()
    {
        byte[] grey = [127, 128, 255, 0];
        var m = new byte[16];

        InputPreprocessing.Mask(grey, 2, 2, 4, m);

        byte[] expected =
        [
            0, 0, 1, 1,
            0, 0, 1, 1,
            1, 1, 0, 0,
            1, 1, 0, 0,
        ];
        Assert.Equal(expected, m);
    }

    [Theory]
    [InlineData(64, 64, 112)]
    [InlineData(48, 80, 112)]
    [InlineData(100, 100, 112)]
    [InlineData(113, 97, 112)]
    [InlineData(224, 224, 112)]
    [InlineData(7, 3, 19)]
    [InlineData(5, 5, 5)]
    public void Mask_PicksTheSourcePixelsOfLibTorchsNearestInterpolation(int width, int height, int size)
    {
        // Every source pixel distinct enough that a wrong index shows: a pseudo-random 0..255 pattern.
        var grey = Enumerable.Range(0, width * height).Select(i => (byte)((i * 73) + (i / width * 151))).ToArray();
        var m = new byte[size * size];

        InputPreprocessing.Mask(grey, width, height, size, m);

        using var source = tensor(grey, [1, 1, height, width], ScalarType.Byte).to_type(ScalarType.Float32);
        using var resized = nn.functional.interpolate(source, [size, size], mode: InterpolationMode.Nearest);
        using var expected = resized.view(size, size).gt(127).to_type(ScalarType.Byte);
        Assert.Equal(expected.data<byte>().ToArray(), m);
    }

    [Theory]
    [InlineData(4, "RGB", 1.0, "input size 4")]
    [InlineData(64, "RGBA", 1.0, "channel order 'RGBA'")]
    [InlineData(64, "RGB", 0.0, "pixel scale 0")]
    public void Validate_NamesTheBadValue(int size, string order, double scale, string expected)
    {
        var spec = new ModelInputSpec(size, order, scale, [0, 0, 0], [1, 1, 1]);

        var e = Assert.Throws<HndGateInputException>(() => spec.Validate("hnd-model.json"));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("hnd-model.json: ", e.Message, StringComparison.Ordinal);
    }
}
