using System.Diagnostics;
using HndGate.Engine.Imaging;
using HndGate.Engine.Tests.Dictionary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Engine.Tests.Imaging;

public sealed class ImageFileDecoderTests : IDisposable
{
    private readonly DictionaryFixture files = new();
    private readonly ImageFileDecoder decoder = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void DecodeRgb_ReturnsThePixelsWritten_ForAPng()
    {
        files.WriteImage("a.png", 12, 7);
        using var expected = Image.Load<Rgb24>(files.PathOf("a.png"));

        using var image = decoder.DecodeRgb(files.PathOf("a.png"), "a.png");

        Assert.Equal((12, 7), (image.Width, image.Height));
        for (var y = 0; y < 7; y++)
        {
            for (var x = 0; x < 12; x++)
            {
                Assert.Equal(expected[x, y], image[x, y]);
            }
        }
    }

    [Theory]
    [InlineData("a.jpg", "JPEG")]
    [InlineData("a.bmp", "BMP")]
    [InlineData("a.png", "PNG")]
    public void Identify_ReadsSizeAndFormat_ForEachRegisteredFormat(string name, string format)
    {
        files.WriteImage(name, 20, 9);

        var header = decoder.Identify(files.PathOf(name), name);

        Assert.Equal(new ImageHeader(20, 9, format), header);
        using var image = decoder.DecodeRgb(files.PathOf(name), name);
        Assert.Equal((20, 9), (image.Width, image.Height));
    }

    [Fact]
    public void Identify_RefusesAHeaderOf100000Squared_WithoutDecoding()
    {
        files.WriteBytes("huge.png", PngBytes.WithHeader(100_000, 100_000));
        var clock = Stopwatch.StartNew();

        var identify = Assert.Throws<HndGateInputException>(() => decoder.Identify(files.PathOf("huge.png"), "huge.png"));
        var decode = Assert.Throws<HndGateInputException>(() => decoder.DecodeRgb(files.PathOf("huge.png"), "huge.png"));

        Assert.True(clock.ElapsedMilliseconds < 2000, $"took {clock.ElapsedMilliseconds} ms");
        foreach (var e in new[] { identify, decode })
        {
            Assert.Equal("huge.png", e.File);
            Assert.Contains("100000×100000", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DecodeRgb_RefusesAnImageOverASmallerLimit()
    {
        files.WriteImage("a.png", 30, 10);
        var strict = new ImageFileDecoder(new ImageLimits(MaxSide: 29));

        var e = Assert.Throws<HndGateInputException>(() => strict.DecodeRgb(files.PathOf("a.png"), "a.png"));

        Assert.Contains("30×10", e.Message, StringComparison.Ordinal);
        Assert.Contains("29", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeRgb_RefusesAPngCutAtAChunkBoundary_ThatImageSharpWouldFillWithBlack()
    {
        // Noise does not compress: the IDAT data are split over two chunks and only the first is kept.
        var png = NoisePng();
        var idat = PngBytes.Chunks(png).Single(c => c.Type == "IDAT");
        var data = png.AsSpan(idat.Offset + 8, idat.Length).ToArray();
        byte[] cut = [.. png[..idat.Offset], .. PngBytes.Chunk("IDAT", data[..(data.Length / 2)]), .. PngBytes.Chunk("IEND", [])];
        files.WriteBytes("cut.png", cut);

        var e = Assert.Throws<HndGateInputException>(() => decoder.DecodeRgb(files.PathOf("cut.png"), "cut.png"));

        Assert.Equal("cut.png", e.File);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void DecodeRgb_RefusesATruncatedPng(double kept)
    {
        var png = NoisePng();
        files.WriteBytes("t.png", png[..(int)(png.Length * kept)]);

        var e = Assert.Throws<HndGateInputException>(() => decoder.DecodeRgb(files.PathOf("t.png"), "t.png"));

        Assert.Equal("t.png", e.File);
    }

    [Fact]
    public void DecodeRgb_RefusesATruncatedJpeg_ThatImageSharpWouldFillWithBlack()
    {
        var jpeg = Encode(NoiseImage(), new JpegEncoder());
        files.WriteBytes("t.jpg", jpeg[..(jpeg.Length * 2 / 3)]);

        var e = Assert.Throws<HndGateInputException>(() => decoder.DecodeRgb(files.PathOf("t.jpg"), "t.jpg"));

        Assert.Equal("t.jpg", e.File);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeRgb_RefusesATruncatedBmp()
    {
        var bmp = Encode(NoiseImage(), new BmpEncoder());
        files.WriteBytes("t.bmp", bmp[..(bmp.Length / 2)]);

        var e = Assert.Throws<HndGateInputException>(() => decoder.DecodeRgb(files.PathOf("t.bmp"), "t.bmp"));

        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeRgb_RefusesAPngWithCorruptData()
    {
        var png = NoisePng();
        var idat = PngBytes.Chunks(png).Single(c => c.Type == "IDAT");
        for (var i = idat.Offset + 20; i < idat.Offset + 60; i++)
        {
            png[i] ^= 0x5A;
        }

        files.WriteBytes("bad.png", png);

        var e = Assert.Throws<HndGateInputException>(() => decoder.DecodeRgb(files.PathOf("bad.png"), "bad.png"));

        Assert.Equal("bad.png", e.File);
    }

    [Fact]
    public void Identify_RefusesAFileThatIsNoImage()
    {
        files.WriteText("a.png", "this is text, not a picture");

        var e = Assert.Throws<HndGateInputException>(() => decoder.Identify(files.PathOf("a.png"), "a.png"));

        Assert.Contains("not a PNG, JPEG or BMP image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identify_RefusesAGif_WhoseDecoderIsNotRegistered()
    {
        files.WriteBytes("a.gif", Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"));

        var e = Assert.Throws<HndGateInputException>(() => decoder.DecodeRgb(files.PathOf("a.gif"), "a.gif"));

        Assert.Contains("not a PNG, JPEG or BMP image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeRgb_NamesAMissingFile()
    {
        var e = Assert.Throws<HndGateInputException>(() => decoder.DecodeRgb(files.PathOf("none.png"), "img/none.png"));

        Assert.Equal("img/none.png", e.File);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeRgb_DecodesAnInterlacedPng_AsWhole()
    {
        var png = Encode(NoiseImage(), new PngEncoder { InterlaceMethod = PngInterlaceMode.Adam7 });
        files.WriteBytes("i.png", png);

        using var image = decoder.DecodeRgb(files.PathOf("i.png"), "i.png");

        using var expected = NoiseImage();
        Assert.Equal(expected[36, 36], image[36, 36]);
    }

    [Theory]
    [InlineData(PngColorType.Grayscale, PngBitDepth.Bit8)]
    [InlineData(PngColorType.Grayscale, PngBitDepth.Bit1)]
    [InlineData(PngColorType.GrayscaleWithAlpha, PngBitDepth.Bit8)]
    [InlineData(PngColorType.Palette, PngBitDepth.Bit4)]
    [InlineData(PngColorType.Rgb, PngBitDepth.Bit16)]
    [InlineData(PngColorType.RgbWithAlpha, PngBitDepth.Bit8)]
    public void DecodeRgb_DecodesAWholePng_OfEachColorTypeAndDepth(PngColorType colorType, PngBitDepth bitDepth)
    {
        // The completeness check counts scanline bytes from the header: a wrong count would call these truncated.
        foreach (var interlace in new[] { PngInterlaceMode.None, PngInterlaceMode.Adam7 })
        {
            files.WriteBytes("c.png", Encode(NoiseImage(), new PngEncoder { ColorType = colorType, BitDepth = bitDepth, InterlaceMethod = interlace }));

            using var image = decoder.DecodeRgb(files.PathOf("c.png"), "c.png");

            Assert.Equal((37, 37), (image.Width, image.Height));
        }
    }

    private static Image<Rgb24> NoiseImage()
    {
        var random = new Random(1);
        var image = new Image<Rgb24>(37, 37);
        for (var y = 0; y < 37; y++)
        {
            for (var x = 0; x < 37; x++)
            {
                image[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            }
        }

        return image;
    }

    private static byte[] NoisePng() => Encode(NoiseImage(), new PngEncoder());

    private static byte[] Encode(Image<Rgb24> image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using (image)
        {
            using var stream = new MemoryStream();
            image.Save(stream, encoder);
            return stream.ToArray();
        }
    }
}
