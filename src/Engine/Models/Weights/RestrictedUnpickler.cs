using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Weights;

/// <summary>
/// Reads the pickles inside PyTorch checkpoints without executing anything. It understands the opcodes of
/// protocols 2–5 that plain data needs and resolves only an allow-list of globals: OrderedDict, the tensor
/// rebuild functions and the storage types. Any other global (<c>os.system</c>, <c>builtins.eval</c>, a user's
/// class, a pickled nn.Module) is refused before anything is built. The result is plain data: null, bool,
/// long, double, string, byte[], List&lt;object?&gt;, object?[] (tuples), <see cref="PickledDictionary"/>,
/// <see cref="PickledTensor"/> (no tensor data is read here).
/// </summary>
internal sealed class RestrictedUnpickler
{
    private static readonly Dictionary<string, ScalarType> StorageTypes = new(StringComparer.Ordinal)
    {
        ["FloatStorage"] = ScalarType.Float32,
        ["DoubleStorage"] = ScalarType.Float64,
        ["HalfStorage"] = ScalarType.Float16,
        ["BFloat16Storage"] = ScalarType.BFloat16,
        ["LongStorage"] = ScalarType.Int64,
        ["IntStorage"] = ScalarType.Int32,
        ["ShortStorage"] = ScalarType.Int16,
        ["CharStorage"] = ScalarType.Int8,
        ["ByteStorage"] = ScalarType.Byte,
        ["BoolStorage"] = ScalarType.Bool,
    };

    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state",
    };

    private readonly BinaryReader _reader;
    private readonly string _file;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];

    private RestrictedUnpickler(Stream stream, string file)
    {
        _reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        _file = file;
    }

    /// <summary>Reads one pickle from the stream's position up to its STOP opcode.</summary>
    public static object? Load(Stream stream, string file)
    {
        try
        {
            return new RestrictedUnpickler(stream, file).Run();
        }
        catch (EndOfStreamException e)
        {
            throw new HndGateInputException("the file ends in the middle of its pickled data: it is truncated", file, inner: e);
        }
    }

    private object? Run()
    {
        while (true)
        {
            var position = _reader.BaseStream.CanSeek ? _reader.BaseStream.Position : -1;
            var opcode = _reader.ReadByte();
            switch (opcode)
            {
                case 0x80: // PROTO
                    var protocol = _reader.ReadByte();
                    if (protocol > 5)
                    {
                        throw Corrupt($"pickle protocol {protocol} is newer than 5", position);
                    }

                    break;
                case 0x95: // FRAME: a length hint only
                    _reader.ReadInt64();
                    break;
                case (byte)'.': // STOP
                    return _stack.Count == 1 && _marks.Count == 0 ? _stack[0] : throw Corrupt("the pickle stops with an unbalanced stack", position);
                case (byte)'(': // MARK
                    _marks.Push(_stack.Count);
                    break;
                case (byte)'0': // POP
                    Pop(position);
                    break;
                case (byte)'1': // POP_MARK
                    PopMark(position);
                    break;
                case (byte)'2': // DUP
                    Push(Peek(position));
                    break;
                case (byte)'N':
                    Push(null);
                    break;
                case 0x88:
                    Push(true);
                    break;
                case 0x89:
                    Push(false);
                    break;
                case (byte)'J': // BININT
                    Push((long)_reader.ReadInt32());
                    break;
                case (byte)'K': // BININT1
                    Push((long)_reader.ReadByte());
                    break;
                case (byte)'M': // BININT2
                    Push((long)_reader.ReadUInt16());
                    break;
                case 0x8a: // LONG1
                    Push(ReadLong(_reader.ReadByte(), position));
                    break;
                case 0x8b: // LONG4
                    Push(ReadLong(_reader.ReadInt32(), position));
                    break;
                case (byte)'G': // BINFLOAT, big-endian
                    Push(BinaryPrimitives.ReadDoubleBigEndian(Bytes(8, position)));
                    break;
                case (byte)'X': // BINUNICODE
                    Push(Encoding.UTF8.GetString(Bytes(_reader.ReadUInt32(), position)));
                    break;
                case 0x8c: // SHORT_BINUNICODE
                    Push(Encoding.UTF8.GetString(Bytes(_reader.ReadByte(), position)));
                    break;
                case 0x8d: // BINUNICODE8
                    Push(Encoding.UTF8.GetString(Bytes(_reader.ReadInt64(), position)));
                    break;
                case (byte)'T': // BINSTRING (Python 2 str)
                    Push(Encoding.Latin1.GetString(Bytes(_reader.ReadUInt32(), position)));
                    break;
                case (byte)'U': // SHORT_BINSTRING
                    Push(Encoding.Latin1.GetString(Bytes(_reader.ReadByte(), position)));
                    break;
                case (byte)'B': // BINBYTES
                    Push(Bytes(_reader.ReadUInt32(), position));
                    break;
                case (byte)'C': // SHORT_BINBYTES
                    Push(Bytes(_reader.ReadByte(), position));
                    break;
                case 0x8e: // BINBYTES8
                    Push(Bytes(_reader.ReadInt64(), position));
                    break;
                case (byte)'}': // EMPTY_DICT
                    Push(new PickledDictionary());
                    break;
                case (byte)']': // EMPTY_LIST
                    Push(new List<object?>());
                    break;
                case (byte)')': // EMPTY_TUPLE
                    Push(Array.Empty<object?>());
                    break;
                case (byte)'t': // TUPLE
                    Push(PopMark(position).ToArray());
                    break;
                case 0x85: // TUPLE1
                    Push(new[] { Pop(position) });
                    break;
                case 0x86: // TUPLE2
                    {
                        var b = Pop(position);
                        var a = Pop(position);
                        Push(new[] { a, b });
                        break;
                    }

                case 0x87: // TUPLE3
                    {
                        var c = Pop(position);
                        var b = Pop(position);
                        var a = Pop(position);
                        Push(new[] { a, b, c });
                        break;
                    }

                case (byte)'l': // LIST
                    Push(PopMark(position));
                    break;
                case (byte)'d': // DICT
                    {
                        var dictionary = new PickledDictionary();
                        SetItems(dictionary, PopMark(position), position);
                        Push(dictionary);
                        break;
                    }

                case (byte)'a': // APPEND
                    {
                        var value = Pop(position);
                        AsList(Peek(position), position).Add(value);
                        break;
                    }

                case (byte)'e': // APPENDS
                    {
                        var values = PopMark(position);
                        AsList(Peek(position), position).AddRange(values);
                        break;
                    }

                case (byte)'s': // SETITEM
                    {
                        var value = Pop(position);
                        var key = Pop(position);
                        SetItems(AsDictionary(Peek(position), position), [key, value], position);
                        break;
                    }

                case (byte)'u': // SETITEMS
                    {
                        var items = PopMark(position);
                        SetItems(AsDictionary(Peek(position), position), items, position);
                        break;
                    }

                case (byte)'q': // BINPUT
                    _memo[_reader.ReadByte()] = Peek(position);
                    break;
                case (byte)'r': // LONG_BINPUT
                    _memo[_reader.ReadUInt32()] = Peek(position);
                    break;
                case 0x94: // MEMOIZE
                    _memo[_memo.Count] = Peek(position);
                    break;
                case (byte)'h': // BINGET
                    Push(Get(_reader.ReadByte(), position));
                    break;
                case (byte)'j': // LONG_BINGET
                    Push(Get(_reader.ReadUInt32(), position));
                    break;
                case (byte)'c': // GLOBAL "module\nname\n"
                    {
                        var module = ReadLine(position);
                        Push(Global(module, ReadLine(position)));
                        break;
                    }

                case 0x93: // STACK_GLOBAL
                    {
                        var name = Pop(position) as string ?? throw Corrupt("STACK_GLOBAL without a name", position);
                        var module = Pop(position) as string ?? throw Corrupt("STACK_GLOBAL without a module", position);
                        Push(Global(module, name));
                        break;
                    }

                case (byte)'Q': // BINPERSID
                    Push(Storage(Pop(position), position));
                    break;
                case (byte)'R': // REDUCE
                    {
                        var args = Pop(position) as object?[] ?? throw Corrupt("REDUCE without an argument tuple", position);
                        var function = Pop(position) as PickledGlobal ?? throw Corrupt("REDUCE on something that is not a function", position);
                        Push(Call(function, args, position));
                        break;
                    }

                case (byte)'b': // BUILD: only OrderedDict's attributes (state_dict's _metadata), which hnd-gate ignores
                    {
                        var state = Pop(position);
                        if (Peek(position) is not PickledDictionary || state is not (PickledDictionary or null))
                        {
                            throw Corrupt("BUILD sets the state of something that is not a dict", position);
                        }

                        break;
                    }

                default:
                    throw Corrupt($"opcode 0x{opcode:x2} is not one that plain data needs", position);
            }
        }
    }

    private PickledGlobal Global(string module, string name)
    {
        var full = $"{module}.{name}";
        if (Functions.Contains(full) || (module == "torch" && StorageTypes.ContainsKey(name)))
        {
            return new PickledGlobal(module, name);
        }

        throw new HndGateInputException(
            $"the checkpoint asks for '{full}': hnd-gate reads only tensors and plain containers and never runs code from a file. " +
            "Save the weights alone: torch.save(model.state_dict(), path)",
            _file);
    }

    /// <summary>A persistent id: ('storage', storage type, key, location, element count[, view metadata]).</summary>
    private PickledStorage Storage(object? id, long position)
    {
        if (id is not object?[] { Length: 5 or 6 } tuple || tuple[0] is not "storage"
            || tuple[1] is not PickledGlobal { Module: "torch" } type || !StorageTypes.TryGetValue(type.Name, out var elementType)
            || tuple[2] is not string key || tuple[4] is not long count || count < 0)
        {
            throw Corrupt("a persistent id is not a storage reference", position);
        }

        if (tuple.Length == 6 && tuple[5] is not null)
        {
            throw Corrupt("storage views (torch < 0.4) are not supported", position);
        }

        return new PickledStorage(key, elementType, count);
    }

    private object Call(PickledGlobal function, object?[] args, long position)
    {
        switch (function.FullName)
        {
            case "collections.OrderedDict":
                var dictionary = new PickledDictionary();
                if (args is [List<object?> pairs])
                {
                    foreach (var pair in pairs)
                    {
                        SetItems(dictionary, pair as object?[] ?? throw Corrupt("OrderedDict item is not a pair", position), position);
                    }
                }
                else if (args.Length != 0)
                {
                    throw Corrupt("OrderedDict called with unexpected arguments", position);
                }

                return dictionary;
            case "torch._utils._rebuild_tensor":
            case "torch._utils._rebuild_tensor_v2":
                if (args.Length < 4 || args[0] is not PickledStorage storage || args[1] is not long offset)
                {
                    throw Corrupt("a tensor record lacks its storage or offset", position);
                }

                return new PickledTensor(storage, offset, Longs(args[2], position), Longs(args[3], position));
            case "torch._utils._rebuild_parameter":
            case "torch._utils._rebuild_parameter_with_state":
                return args.Length >= 1 && args[0] is PickledTensor data ? data : throw Corrupt("a parameter record holds no tensor", position);
            default:
                throw Corrupt($"'{function.FullName}' cannot be called", position);
        }
    }

    private long[] Longs(object? value, long position) =>
        value is object?[] items && items.All(i => i is long)
            ? items.Select(i => (long)i!).ToArray()
            : throw Corrupt("a tensor's size or stride is not a tuple of integers", position);

    private void SetItems(PickledDictionary dictionary, IReadOnlyList<object?> items, long position)
    {
        if (items.Count % 2 != 0)
        {
            throw Corrupt("a dict gets a key without a value", position);
        }

        for (var i = 0; i < items.Count; i += 2)
        {
            dictionary.Items[items[i] ?? throw Corrupt("a dict key is None", position)] = items[i + 1];
        }
    }

    /// <summary>A little-endian two's-complement integer: a long when it fits (legacy files start with an 80-bit one).</summary>
    private object ReadLong(int length, long position)
    {
        if (length is < 0 or > 16)
        {
            throw Corrupt($"an integer of {length} bytes is larger than any a state_dict holds", position);
        }

        var value = new BigInteger(Bytes(length, position), isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    private byte[] Bytes(long count, long position)
    {
        var stream = _reader.BaseStream;
        if (count < 0 || count > int.MaxValue || (stream.CanSeek && count > stream.Length - stream.Position))
        {
            throw new EndOfStreamException($"{count} bytes wanted at byte {position}");
        }

        var bytes = _reader.ReadBytes((int)count);
        return bytes.Length == count ? bytes : throw new EndOfStreamException();
    }

    private string ReadLine(long position)
    {
        var line = new StringBuilder();
        for (var c = _reader.ReadByte(); c != (byte)'\n'; c = _reader.ReadByte())
        {
            if (line.Length > 256)
            {
                throw Corrupt("a global's name is too long", position);
            }

            line.Append((char)c);
        }

        return line.ToString();
    }

    private object? Get(long key, long position) =>
        _memo.TryGetValue(key, out var value) ? value : throw Corrupt($"memo entry {key} is read before it is written", position);

    private void Push(object? value) => _stack.Add(value);

    private object? Peek(long position) =>
        _stack.Count > 0 && (_marks.Count == 0 || _marks.Peek() < _stack.Count)
            ? _stack[^1]
            : throw Corrupt("the stack is empty", position);

    private object? Pop(long position)
    {
        var value = Peek(position);
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private List<object?> PopMark(long position)
    {
        if (_marks.Count == 0)
        {
            throw Corrupt("an opcode needs a MARK that is not there", position);
        }

        var start = _marks.Pop();
        var items = _stack.GetRange(start, _stack.Count - start);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    private List<object?> AsList(object? value, long position) =>
        value as List<object?> ?? throw Corrupt("APPEND to something that is not a list", position);

    private PickledDictionary AsDictionary(object? value, long position) =>
        value as PickledDictionary ?? throw Corrupt("SETITEM on something that is not a dict", position);

    private HndGateInputException Corrupt(string what, long position) =>
        new($"the pickled data is not a state_dict hnd-gate can read ({what}{(position >= 0 ? $", at byte {position}" : "")}): the file is corrupt or was not written by torch.save", _file);
}
