using System.Text;

namespace HndGate.Engine.Models.Weights;

/// <summary>
/// Reads a weights file of any format hnd-gate knows into an ordered name → tensor list, without running
/// anything from the file. DataParallel's "module." prefix is removed when every name has it.
/// </summary>
public static class StateDictReader
{
    private const string ModulePrefix = "module.";

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    public static StateDict Read(string path)
    {
        var format = DetectFormat(path);
        var (entries, nestedKey) = format switch
        {
            WeightFileFormat.PyTorch => PyTorchCheckpointReader.ReadZip(path),
            WeightFileFormat.PyTorchLegacy => PyTorchCheckpointReader.ReadLegacy(path),
            WeightFileFormat.Safetensors => (SafetensorsReader.Read(path), null),
            _ => (TorchSharpWeightsReader.Read(path), (string?)null),
        };

        var strip = entries.Count > 0 && entries.All(e => e.Key.StartsWith(ModulePrefix, StringComparison.Ordinal));
        var named = strip ? entries.Select(e => KeyValuePair.Create(e.Key[ModulePrefix.Length..], e.Value)).ToList() : entries;
        var duplicate = named.GroupBy(e => e.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            foreach (var (_, tensor) in named)
            {
                tensor.Dispose();
            }

            throw new HndGateInputException($"the file holds '{duplicate.Key}' more than once", path);
        }

        return new StateDict(path, format, named, nestedKey, strip);
    }

    /// <summary>The file's format from its first bytes; TorchSharp's format has no signature and is known by its .dat extension.</summary>
    public static WeightFileFormat DetectFormat(string path)
    {
        if (!File.Exists(path))
        {
            throw new HndGateInputException("the weights file does not exist", path);
        }

        var head = new byte[9];
        long length;
        using (var stream = File.OpenRead(path))
        {
            length = stream.Length;
            stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (head.AsSpan().StartsWith(ZipMagic))
        {
            return WeightFileFormat.PyTorch;
        }

        if (head[0] == 0x80 && head[1] is >= 2 and <= 5)
        {
            return WeightFileFormat.PyTorchLegacy;
        }

        var headerLength = BitConverter.ToInt64(head, 0);
        if (length >= 9 && headerLength > 0 && headerLength <= length - 8 && head[8] == (byte)'{')
        {
            return WeightFileFormat.Safetensors;
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".dat")
        {
            return WeightFileFormat.TorchSharp;
        }

        throw new HndGateInputException(
            (extension == ".onnx" ? "the file is an ONNX model, not a weights file" : "hnd-gate does not recognise the weights file") +
            ": it reads PyTorch state_dicts (torch.save(model.state_dict(), path), .pth/.pt), .safetensors and TorchSharp's Module.save (.dat). " +
            (length == 0 ? "The file is empty." : $"The file starts with {Describe(head, length)}."),
            path);
    }

    private static string Describe(byte[] head, long length)
    {
        var shown = head.Take((int)Math.Min(length, head.Length)).ToArray();
        return string.Join(" ", shown.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))) +
            $" ('{new string(Encoding.ASCII.GetString(shown).Select(c => char.IsControl(c) ? '.' : c).ToArray())}')";
    }
}
