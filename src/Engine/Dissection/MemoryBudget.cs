using System.Globalization;

namespace HndGate.Engine.Dissection;

/// <summary>How many bytes of activations the cache may keep in memory (<c>--memory-budget</c>).</summary>
public static class MemoryBudget
{
    /// <summary>The default: half of the memory available now (Linux MemAvailable), 1 GiB where it cannot be read.</summary>
    public static long Default(string meminfoPath = "/proc/meminfo")
    {
        if (File.Exists(meminfoPath))
        {
            foreach (var line in File.ReadLines(meminfoPath))
            {
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                    return kib * 1024 / 2;
                }
            }
        }

        return 1L << 30;
    }

    /// <summary>A size for a log line: "512 B", "12.0 KiB", "3.1 GiB" (powers of 1024, as <see cref="Parse"/> reads them).</summary>
    public static string Format(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        }

        var value = bytes / 1024.0;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    /// <summary>Parses "512M", "4G", "1.5GiB", "2000000" (bytes, at least 1 MiB, or 0); k/M/G/T are powers of 1024.</summary>
    public static long Parse(string text, string optionName)
    {
        var trimmed = text.Trim();
        var number = new string(trimmed.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray());
        var unit = trimmed[number.Length..].Trim().ToUpperInvariant().TrimEnd('B').TrimEnd('I');
        long multiplier = unit switch
        {
            "" => 1,
            "K" => 1L << 10,
            "M" => 1L << 20,
            "G" => 1L << 30,
            "T" => 1L << 40,
            _ => -1,
        };
        if (multiplier < 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new HndGateInputException($"{optionName} '{text}' is not a size: write e.g. 512M, 4G or a number of bytes");
        }

        // A bare small number is almost surely a forgotten unit ("4" for 4G), not a budget of a few bytes.
        if (unit.Length == 0 && value > 0 && value < 1 << 20)
        {
            throw new HndGateInputException($"{optionName} '{text}' is {text.Trim()} bytes: write a unit (e.g. {text.Trim()}G or 512M), or 0 to keep nothing in memory");
        }

        return (long)(value * multiplier);
    }
}
