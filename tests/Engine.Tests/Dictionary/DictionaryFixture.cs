using HndGate.Engine.Dictionary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Engine.Tests.Dictionary;

/// <summary>
/// A small Face Dictionary in a temporary folder, in either format, with 16×16 images; tests then break
/// it in one place. Deleted with everything in it on dispose.
/// </summary>
public sealed class DictionaryFixture : IDisposable
{
    public const int Side = 16;

    private readonly TemporaryDirectory directory = new();

    public string Root => directory.Path;

    /// <summary>
    /// Format A: two AU rows, one attribute row (the photo of AU row 1 again), one parts row; extra
    /// *_overlap.png and lm.png files; Gender (Male, Female) and skin_tone (bright, dark) global folders.
    /// </summary>
    public static DictionaryFixture PublishedLayout()
    {
        var f = new DictionaryFixture();
        foreach (var image in new[]
                 {
                     "AU/1/original.png", "AU/1/AU_1.png", "AU/1/AU_26.png", "AU/2/original.png", "AU/2/AU_12.png",
                     "attributes/1/Smiling.png", "attributes/1/Smiling_overlap.png",
                     "parts/1/original.png", "parts/1/left_eye.png", "parts/1/nose.png", "parts/1/lm.png",
                     "non_localizable/Gender/Male/b.png", "non_localizable/Gender/Male/a.png", "non_localizable/Gender/Female/c.png",
                     "non_localizable/skin_tone/bright/x.png", "non_localizable/skin_tone/dark/y.png",
                 })
        {
            f.WriteImage(image);
        }

        f.WriteText("non_localizable/Gender/Male/notes.txt", "not an image");
        f.WriteText("Action_Units.csv", "image,labels\nAU/1/original.png,AU/1/AU_1.png;AU/1/AU_26.png\nAU/2/original.png,AU/2/AU_12.png\n");
        f.WriteText("Attributes.csv", "image,labels\nAU/1/original.png,attributes/1/Smiling.png\n");
        f.WriteText("Parts.csv", "image,labels\nparts/1/original.png,parts/1/left_eye.png;parts/1/nose.png\n");
        return f;
    }

    /// <summary>The Format B dictionary <see cref="Manifest"/> writes, before it is written.</summary>
    public FaceDictionary ManifestDictionary() => new(
        Root,
        DictionaryFormat.Manifest,
        [
            new Concept("left_eye", ConceptType.Part, "eye"),
            new Concept("Smiling", ConceptType.Attribute, "mouth"),
            new Concept("AU_12", ConceptType.ActionUnit, "mouth"),
        ],
        [
            new LocalImage("img/0.png", [new ConceptMask("left_eye", "masks/0/left_eye.png"), new ConceptMask("Smiling", "masks/0/Smiling.png")]),
            new LocalImage("img/1.png", [new ConceptMask("AU_12", "masks/1/AU_12.png")]),
        ],
        [
            new GlobalFamily("gender", null, [new Subgroup("male", ["global/m/0.png", "global/m/1.png"]), new Subgroup("female", ["global/f/0.png"])]),
            new GlobalFamily("color_scheme", 0.5, [new Subgroup("color", ["global/c/0.png"]), new Subgroup("gray", ["global/g/0.png"])]),
        ],
        new DictionarySource("tests", Seed: 7));

    /// <summary>Format B: three concepts, two local images, families gender and color_scheme; manifest with content hash.</summary>
    public static DictionaryFixture Manifest()
    {
        var f = new DictionaryFixture();
        var dictionary = f.ManifestDictionary();
        foreach (var path in dictionary.Local.SelectMany(e => e.Masks.Select(m => m.MaskPath).Prepend(e.ImagePath))
                     .Concat(dictionary.Global.SelectMany(g => g.Subgroups).SelectMany(s => s.Images)))
        {
            f.WriteImage(path);
        }

        DictionaryManifest.Write(dictionary);
        return f;
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes a PNG (or JPEG/BMP by extension) whose pixels depend on its path and <paramref name="variant"/>, so files differ.</summary>
    public void WriteImage(string relative, int width = Side, int height = Side, int variant = 0)
    {
        var path = Prepare(relative);
        var seed = relative.Length + variant;
        using var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgb24((byte)(x * 16), (byte)(y * 16), (byte)(seed * 8));
            }
        }

        image.Save(path);
    }

    public void WriteText(string relative, string text) => File.WriteAllText(Prepare(relative), text);

    public void WriteBytes(string relative, byte[] bytes) => File.WriteAllBytes(Prepare(relative), bytes);

    public string ReadText(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Replaces the first occurrence of <paramref name="old"/> in a text file; fails if it is not there.</summary>
    public void Edit(string relative, string old, string replacement)
    {
        var text = ReadText(relative);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' is not in {relative}");
        File.WriteAllText(PathOf(relative), text[..at] + replacement + text[(at + old.Length)..]);
    }

    public void Dispose() => directory.Dispose();

    private string Prepare(string relative)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
