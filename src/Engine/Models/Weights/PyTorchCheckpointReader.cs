using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Weights;

/// <summary>
/// Reads <c>torch.save</c> files: the zip format (PyTorch ≥ 1.6: <c>NAME/data.pkl</c> plus one record
/// <c>NAME/data/KEY</c> a storage) and the legacy format (five pickles — magic number, protocol, system
/// info, the object, the storage keys — then each storage as an 8-byte element count and its raw bytes).
/// The pickles go through <see cref="RestrictedUnpickler"/>; tensors are rebuilt from their storages with
/// their offsets and strides, then made contiguous.
/// </summary>
internal static class PyTorchCheckpointReader
{
    /// <summary>The number the legacy format starts with (torch.serialization's MAGIC_NUMBER).</summary>
    private static readonly BigInteger LegacyMagic = BigInteger.Parse("01950a86a20f9469cfc6c", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private const long LegacyProtocol = 1001;

    public static (IReadOnlyList<KeyValuePair<string, Tensor>> Entries, string? NestedKey) ReadZip(string path)
    {
        try
        {
            using var archive = ZipFile.OpenRead(path);
            var pickle = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
                ?? throw new HndGateInputException(
                    "the file is a zip archive without a data.pkl record, so torch.save did not write it: save the weights with torch.save(model.state_dict(), path)", path);
            var prefix = pickle.FullName[..^"data.pkl".Length];
            if (archive.GetEntry(prefix + "constants.pkl") is not null || archive.Entries.Any(e => e.FullName.StartsWith(prefix + "code/", StringComparison.Ordinal)))
            {
                throw new HndGateInputException(
                    "the file is a TorchScript archive (torch.jit.save), not a state_dict: give a file saved with torch.save(model.state_dict(), path), or describe the TorchScript model in the card (docs/model-card.md)",
                    path);
            }

            if (archive.GetEntry(prefix + "byteorder") is { } order && ReadAll(order, path) is var text && System.Text.Encoding.ASCII.GetString(text) != "little")
            {
                throw new HndGateInputException("the checkpoint was saved on a big-endian machine, which hnd-gate does not read", path);
            }

            object? top;
            using (var stream = new MemoryStream(ReadAll(pickle, path)))
            {
                top = RestrictedUnpickler.Load(stream, path);
            }

            var (entries, nestedKey) = CheckpointContents.Select(top, path);
            var storages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var storage in entries.Select(e => e.Value.Storage).DistinctBy(s => s.Key))
            {
                var record = archive.GetEntry($"{prefix}data/{storage.Key}")
                    ?? throw new HndGateInputException($"the checkpoint refers to storage '{storage.Key}', which is not in the archive: the file is corrupt", path);
                if (record.Length != storage.ElementCount * ElementTypes.Size(storage.ElementType))
                {
                    throw new HndGateInputException(
                        $"storage '{storage.Key}' should hold {storage.ElementCount} elements of {storage.ElementType} but its record has {record.Length} bytes: the file is corrupt",
                        path);
                }

                storages[storage.Key] = ReadAll(record, path);
            }

            return (Rebuild(entries, storages, path), nestedKey);
        }
        catch (InvalidDataException e)
        {
            throw new HndGateInputException($"the file is not a complete zip archive ({e.Message}): it is truncated or corrupt", path, inner: e);
        }
    }

    public static (IReadOnlyList<KeyValuePair<string, Tensor>> Entries, string? NestedKey) ReadLegacy(string path)
    {
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        if (RestrictedUnpickler.Load(stream, path) is not BigInteger magic || magic != LegacyMagic)
        {
            throw new HndGateInputException("the file is a pickle but not one torch.save wrote (its magic number is missing)", path);
        }

        if (RestrictedUnpickler.Load(stream, path) is not LegacyProtocol)
        {
            throw new HndGateInputException("the checkpoint uses a legacy format version other than 1001, which hnd-gate does not read", path);
        }

        if (RestrictedUnpickler.Load(stream, path) is PickledDictionary info && info.Items.TryGetValue("little_endian", out var little) && little is false)
        {
            throw new HndGateInputException("the checkpoint was saved on a big-endian machine, which hnd-gate does not read", path);
        }

        var top = RestrictedUnpickler.Load(stream, path);
        if (RestrictedUnpickler.Load(stream, path) is not List<object?> keys || keys.Any(k => k is not string))
        {
            throw new HndGateInputException("the checkpoint's list of storages is missing: the file is corrupt", path);
        }

        var (entries, nestedKey) = CheckpointContents.Select(top, path);
        var used = entries.Select(e => e.Value.Storage.Key).ToHashSet(StringComparer.Ordinal);
        var types = CheckpointContents.Storages(top).DistinctBy(s => s.Key).ToDictionary(s => s.Key, StringComparer.Ordinal);

        var storages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var reader = new BinaryReader(stream);
        try
        {
            foreach (var key in keys.Cast<string>())
            {
                var count = reader.ReadInt64();
                if (!types.TryGetValue(key, out var storage))
                {
                    throw new HndGateInputException($"the checkpoint lists storage '{key}', which none of its tensors uses: the file is corrupt", path);
                }

                var length = count * ElementTypes.Size(storage.ElementType);
                if (count != storage.ElementCount || length > stream.Length - stream.Position || length > int.MaxValue)
                {
                    throw new HndGateInputException($"storage '{key}' should hold {storage.ElementCount} elements but the file has {count}: it is truncated or corrupt", path);
                }

                if (used.Contains(key))
                {
                    storages[key] = reader.ReadBytes((int)length);
                }
                else
                {
                    // Not part of the state_dict (e.g. optimizer state): skip it.
                    stream.Seek(length, SeekOrigin.Current);
                }
            }
        }
        catch (EndOfStreamException e)
        {
            throw new HndGateInputException("the file ends before its last storage: it is truncated", path, inner: e);
        }

        return (Rebuild(entries, storages, path), nestedKey);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry, string path)
    {
        // torch.save stores records uncompressed: one that claims more bytes than the file holds is corrupt (or a zip bomb).
        if (entry.Length > new FileInfo(path).Length)
        {
            throw new HndGateInputException($"the record '{entry.FullName}' claims {entry.Length} bytes, more than the whole file: it is corrupt", path);
        }

        if (entry.Length > int.MaxValue)
        {
            throw new HndGateInputException($"the record '{entry.FullName}' is larger than 2 GB, which hnd-gate does not read", path);
        }

        var bytes = new byte[entry.Length];
        using var stream = entry.Open();
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static List<KeyValuePair<string, Tensor>> Rebuild(
        IReadOnlyList<KeyValuePair<string, PickledTensor>> entries, Dictionary<string, byte[]> storages, string path)
    {
        var result = new List<KeyValuePair<string, Tensor>>(entries.Count);
        var flat = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, tensor) in entries)
            {
                if (!storages.TryGetValue(tensor.Storage.Key, out var bytes))
                {
                    throw new HndGateInputException($"'{name}' refers to storage '{tensor.Storage.Key}', which the file does not hold: it is corrupt", path);
                }

                if (!flat.TryGetValue(tensor.Storage.Key, out var storage))
                {
                    storage = ElementTypes.FromBytes(bytes, tensor.Storage.ElementType);
                    flat[tensor.Storage.Key] = storage;
                }

                CheckBounds(name, tensor, storage.shape[0], path);
                using var scope = NewDisposeScope();
                var copy = storage.as_strided(tensor.Shape, tensor.Stride, tensor.Offset).contiguous().clone();
                result.Add(KeyValuePair.Create(name, copy.MoveToOuterDisposeScope()));
            }

            return result;
        }
        catch
        {
            foreach (var (_, t) in result)
            {
                t.Dispose();
            }

            throw;
        }
        finally
        {
            foreach (var storage in flat.Values)
            {
                storage.Dispose();
            }
        }
    }

    /// <summary>A view must stay inside its storage: offset + Σ (size − 1) · stride &lt; length, all non-negative.</summary>
    private static void CheckBounds(string name, PickledTensor tensor, long length, string path)
    {
        var valid = tensor.Shape.Length == tensor.Stride.Length && tensor.Shape.Length <= 16 && tensor.Offset >= 0
            && tensor.Shape.All(s => s >= 0) && tensor.Stride.All(s => s >= 0);
        if (valid && tensor.Shape.All(s => s > 0))
        {
            try
            {
                var last = tensor.Offset;
                for (var i = 0; i < tensor.Shape.Length; i++)
                {
                    last = checked(last + ((tensor.Shape[i] - 1) * tensor.Stride[i]));
                }

                valid = last < length;
            }
            catch (OverflowException)
            {
                valid = false;
            }
        }

        if (!valid)
        {
            throw new HndGateInputException(
                $"'{name}' (shape [{string.Join(", ", tensor.Shape)}], stride [{string.Join(", ", tensor.Stride)}], offset {tensor.Offset}) reaches outside its storage of {length} elements: the file is corrupt",
                path);
        }
    }
}
