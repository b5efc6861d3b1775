namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>A 3×5 pixel capital font (A–Z, 0–9, '_', '-', ' ') for the labels of the contact sheet.</summary>
internal static class PixelFont
{
    public const int GlyphWidth = 3;
    public const int GlyphHeight = 5;

    private static readonly Dictionary<char, string> Glyphs = new()
    {
        ['A'] = "010101111101101",
        ['B'] = "110101110101110",
        ['C'] = "011100100100011",
        ['D'] = "110101101101110",
        ['E'] = "111100110100111",
        ['F'] = "111100110100100",
        ['G'] = "011100101101011",
        ['H'] = "101101111101101",
        ['I'] = "111010010010111",
        ['J'] = "001001001101010",
        ['K'] = "101101110101101",
        ['L'] = "100100100100111",
        ['M'] = "101111111101101",
        ['N'] = "110101101101101",
        ['O'] = "010101101101010",
        ['P'] = "110101110100100",
        ['Q'] = "010101101110011",
        ['R'] = "110101110101101",
        ['S'] = "011100010001110",
        ['T'] = "111010010010010",
        ['U'] = "101101101101111",
        ['V'] = "101101101101010",
        ['W'] = "101101111111101",
        ['X'] = "101101010101101",
        ['Y'] = "101101010010010",
        ['Z'] = "111001010100111",
        ['0'] = "111101101101111",
        ['1'] = "010110010010111",
        ['2'] = "110001010100111",
        ['3'] = "110001010001110",
        ['4'] = "101101111001001",
        ['5'] = "111100110001110",
        ['6'] = "011100111101111",
        ['7'] = "111001010010010",
        ['8'] = "111101111101111",
        ['9'] = "111101111001110",
        ['_'] = "000000000000111",
        ['-'] = "000000111000000",
        [' '] = "000000000000000",
    };

    /// <summary>Writes <paramref name="text"/> (upper-cased; unknown characters blank) into an RGB byte image.</summary>
    public static void Draw(byte[] rgb, int width, int height, int left, int top, string text, int scale, (byte R, byte G, byte B) colour)
    {
        var x0 = left;
        foreach (var ch in text.ToUpperInvariant())
        {
            var glyph = Glyphs.GetValueOrDefault(ch, Glyphs[' ']);
            for (var gy = 0; gy < GlyphHeight * scale; gy++)
            {
                for (var gx = 0; gx < GlyphWidth * scale; gx++)
                {
                    var x = x0 + gx;
                    var y = top + gy;
                    if (glyph[((gy / scale) * GlyphWidth) + (gx / scale)] == '1' && x >= 0 && y >= 0 && x < width && y < height)
                    {
                        var i = 3 * ((y * width) + x);
                        (rgb[i], rgb[i + 1], rgb[i + 2]) = colour;
                    }
                }
            }

            x0 += (GlyphWidth + 1) * scale;
        }
    }
}
