using System.IO.Compression;
using System.Text;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models.Weights;

/// <summary>
/// Test-only: writes tensors the way torch.save does (a zip with a protocol-2 pickle of an OrderedDict and
/// one record a storage), so that tests can make large or deliberately broken checkpoints without Python.
/// The committed fixtures, which real torch.save wrote, prove the reader on the real thing.
/// </summary>
public static class TorchZipWriter
{
    public static void Write(string path, IEnumerable<(string Name, Tensor Value)> entries, long[]? tamperShape = null)
    {
        var list = entries.ToList();
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var pickle = new BinaryWriter(zip.CreateEntry("archive/data.pkl", CompressionLevel.NoCompression).Open()))
        {
            pickle.Write([0x80, 0x02]);
            Global(pickle, "collections", "OrderedDict");
            pickle.Write([(byte)')', (byte)'R', (byte)'(']);
            for (var i = 0; i < list.Count; i++)
            {
                var (name, value) = list[i];
                Text(pickle, name);
                Global(pickle, "torch._utils", "_rebuild_tensor_v2");
                pickle.Write((byte)'(');
                pickle.Write((byte)'(');
                Text(pickle, "storage");
                Global(pickle, "torch", StorageType(value.dtype));
                Text(pickle, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Text(pickle, "cpu");
                Int(pickle, value.numel());
                pickle.Write([(byte)'t', (byte)'Q']);
                Int(pickle, 0);
                Tuple(pickle, i == 0 && tamperShape is not null ? tamperShape : value.shape);
                Tuple(pickle, i == 0 && tamperShape is not null ? [1] : value.contiguous().stride());
                pickle.Write((byte)0x89);
                Global(pickle, "collections", "OrderedDict");
                pickle.Write([(byte)')', (byte)'R', (byte)'t', (byte)'R']);
            }

            pickle.Write([(byte)'u', (byte)'.']);
        }

        for (var i = 0; i < list.Count; i++)
        {
            using var data = zip.CreateEntry($"archive/data/{i}", CompressionLevel.NoCompression).Open();
            data.Write(list[i].Value.contiguous().bytes);
        }

        using var version = new StreamWriter(zip.CreateEntry("archive/version").Open());
        version.Write("3\n");
    }

    private static string StorageType(ScalarType type) => type switch
    {
        ScalarType.Float32 => "FloatStorage",
        ScalarType.Float16 => "HalfStorage",
        ScalarType.Int64 => "LongStorage",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static void Global(BinaryWriter w, string module, string name) =>
        w.Write(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));

    private static void Text(BinaryWriter w, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        w.Write((byte)'X');
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static void Int(BinaryWriter w, long value)
    {
        w.Write((byte)'J');
        w.Write(checked((int)value));
    }

    private static void Tuple(BinaryWriter w, long[] values)
    {
        w.Write((byte)'(');
        foreach (var v in values)
        {
            Int(w, v);
        }

        w.Write((byte)'t');
    }
}
