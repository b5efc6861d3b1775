using HndGate.Engine.Dictionary.Building;
using HndGate.Engine.Formats;

namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// A picture of what <c>dictionary synth</c> makes: local faces of the set (same seed, same images), each beside
/// a copy with up to three of its masks laid over it in colour and named underneath.
/// </summary>
public static class ContactSheet
{
    private static readonly (byte R, byte G, byte B)[] Colours = [(230, 40, 40), (40, 200, 60), (50, 110, 255)];

    /// <summary>A PNG of <paramref name="count"/> faces in <paramref name="columns"/> columns, images <paramref name="size"/> px.</summary>
    public static byte[] Render(long seed, int size, int count = 12, int columns = 4)
    {
        if (size is < DictionarySynthOptions.MinSize or > DictionarySynthOptions.MaxSize)
        {
            throw new HndGateInputException(FormattableString.Invariant($"--size {size} is outside {DictionarySynthOptions.MinSize} to {DictionarySynthOptions.MaxSize} pixels"));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        var map = ConceptMapReader.Standard;
        var scale = size >= 80 ? 2 : 1;
        var line = (PixelFont.GlyphHeight + 2) * scale;
        const int Gap = 8;
        var cellWidth = (2 * size) + Gap;
        var cellHeight = size + (3 * line) + Gap;
        var rows = (count + columns - 1) / columns;
        var width = Gap + (columns * cellWidth);
        var height = Gap + (rows * cellHeight);
        var sheet = new byte[width * height * 3];
        Array.Fill(sheet, (byte)250);

        var optional = FaceParameterSampler.Optional.Count;
        for (var k = 0; k < count; k++)
        {
            // Spread over the 30 optional concepts, so that every region shows up.
            var index = k * optional / count;
            var face = FaceSynthesizer.Local(seed, index, size);
            var shown = map.Concepts
                .Where(c => face.Parameters.Concepts.Contains(c.Concept.Name) && c.Concept.Name != "No_Beard")
                .OrderBy(c => c.Concept.Name == FaceParameterSampler.Optional[index % optional] ? 0 : 1)
                .Concat(map.Concepts.Where(c => c.Concept.Name == "mouth"))
                .Take(3)
                .ToList();

            var left = Gap + ((k % columns) * cellWidth);
            var top = Gap + ((k / columns) * cellHeight);
            var overlay = (byte[])face.Rgb.Clone();
            for (var c = 0; c < shown.Count; c++)
            {
                var mask = map.DrawMask(shown[c], face.Landmarks, size, size);
                Tint(overlay, mask, Colours[c]);
                PixelFont.Draw(sheet, width, height, left, top + size + 2 + (c * line), shown[c].Concept.Name, scale, Colours[c]);
            }

            Blit(sheet, width, face.Rgb, size, left, top);
            Blit(sheet, width, overlay, size, left + size, top);
        }

        return PngImage.EncodeRgb(sheet, width, height);
    }

    private static void Tint(byte[] rgb, BinaryMask mask, (byte R, byte G, byte B) colour)
    {
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                var i = 3 * ((y * mask.Width) + x);
                var edge = mask[x, y] && (x == 0 || y == 0 || x == mask.Width - 1 || y == mask.Height - 1
                    || !mask[x - 1, y] || !mask[x + 1, y] || !mask[x, y - 1] || !mask[x, y + 1]);
                var a = edge ? 0.9 : mask[x, y] ? 0.35 : 0;
                rgb[i] = (byte)Math.Round((rgb[i] * (1 - a)) + (colour.R * a));
                rgb[i + 1] = (byte)Math.Round((rgb[i + 1] * (1 - a)) + (colour.G * a));
                rgb[i + 2] = (byte)Math.Round((rgb[i + 2] * (1 - a)) + (colour.B * a));
            }
        }
    }

    private static void Blit(byte[] sheet, int sheetWidth, byte[] image, int size, int left, int top)
    {
        for (var y = 0; y < size; y++)
        {
            Array.Copy(image, y * size * 3, sheet, 3 * (((top + y) * sheetWidth) + left), size * 3);
        }
    }
}
