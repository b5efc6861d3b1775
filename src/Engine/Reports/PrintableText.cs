using System.Text;

namespace HndGate.Engine.Reports;

/// <summary>
/// Text from files (concept names, paths, messages) made safe to carry into every report format: control characters
/// other than tab and line breaks, lone surrogates and non-characters become U+FFFD, which XML 1.0 accepts. Markup
/// escaping is the templates' job (each format escapes differently).
/// </summary>
internal static class PrintableText
{
    public static string Of(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            clean = IsPrintable(text, i);
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                builder.Append(IsPrintable(text, i) ? text[i] : '\uFFFD');
            }
        }

        return builder.ToString();
    }

    private static bool IsPrintable(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsHighSurrogate(text[i - 1]);
        }

        return c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\u007F' && c is not '\uFFFE' and not '\uFFFF');
    }
}
