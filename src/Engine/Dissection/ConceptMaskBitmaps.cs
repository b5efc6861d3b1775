using System.Numerics;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// The concept masks M[n,c] of one batch of local images as bitmaps, the form the host tally
/// (<see cref="HostIouCounter"/>) intersects: one S × S bitmap per (image, concept) row, row-major, 64 pixels
/// a word, each row starting on a word. Made on the decoding threads (<see cref="ConceptMaskLoader"/>), so the
/// tally never reads the masks as bytes; each row's area |M| and the words it touches are known up front.
/// </summary>
public sealed class ConceptMaskBitmaps
{
    private readonly ulong[] _bits;
    private readonly long[] _areas;
    private readonly (int First, int Last)[] _spans;

    /// <param name="bits">Rows × <see cref="WordsFor"/>(size) words, each row packed by <see cref="Pack"/>; kept, not copied.</param>
    /// <param name="images">For each row, the image's 0-based position in the activation batch.</param>
    /// <param name="concepts">For each row, the concept's index in dictionary order.</param>
    public ConceptMaskBitmaps(int size, ulong[] bits, IReadOnlyList<int> images, IReadOnlyList<int> concepts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (images.Count != concepts.Count)
        {
            throw new ArgumentException($"mask rows name {images.Count} images but {concepts.Count} concepts", nameof(concepts));
        }

        Size = size;
        Words = WordsFor(size);
        if (bits.Length != (long)images.Count * Words)
        {
            throw new ArgumentException($"{images.Count} masks of {size} × {size} need {(long)images.Count * Words} words; got {bits.Length}", nameof(bits));
        }

        var pixels = (long)size * size;
        if (pixels % 64 != 0 && images.Count > 0)
        {
            var padding = ~0UL << (int)(pixels % 64);
            for (var row = 0; row < images.Count; row++)
            {
                if ((bits[((row + 1) * Words) - 1] & padding) != 0)
                {
                    throw new ArgumentException($"mask row {row} has bits beyond its {size} × {size} pixels", nameof(bits));
                }
            }
        }

        _bits = bits;
        Images = images;
        Concepts = concepts;
        _areas = new long[images.Count];
        _spans = new (int, int)[images.Count];
        for (var row = 0; row < images.Count; row++)
        {
            var words = bits.AsSpan(row * Words, Words);
            int first = int.MaxValue, last = -1;
            long area = 0;
            for (var w = 0; w < words.Length; w++)
            {
                if (words[w] != 0)
                {
                    area += BitOperations.PopCount(words[w]);
                    first = Math.Min(first, w);
                    last = w;
                }
            }

            _areas[row] = area;
            _spans[row] = (first, last);
        }
    }

    /// <summary>S: each mask is S × S.</summary>
    public int Size { get; }

    /// <summary>Words of one mask's bitmap.</summary>
    public int Words { get; }

    /// <summary>Rows: one per (image, concept) pair.</summary>
    public int Count => Images.Count;

    public IReadOnlyList<int> Images { get; }

    public IReadOnlyList<int> Concepts { get; }

    /// <summary>Words of an S × S bitmap, 64 pixels each.</summary>
    public static int WordsFor(int size) => checked((int)(((long)size * size + 63) / 64));

    /// <summary>
    /// Packs one binary mask (S² bytes, 0 or 1) into its bitmap (<see cref="WordsFor"/> words, all zero on entry);
    /// throws <see cref="ArgumentException"/> for any other byte.
    /// </summary>
    public static void Pack(ReadOnlySpan<byte> mask, Span<ulong> bitmap)
    {
        var beyond = Vector256<byte>.Zero;
        var p = 0;
        // Two vectors of 32 pixels make one word.
        for (; p + 64 <= mask.Length; p += 64)
        {
            var low = Vector256.Create(mask.Slice(p, 32));
            var high = Vector256.Create(mask.Slice(p + 32, 32));
            beyond |= Vector256.GreaterThan(low, Vector256<byte>.One) | Vector256.GreaterThan(high, Vector256<byte>.One);
            bitmap[p >> 6] = Vector256.GreaterThan(low, Vector256<byte>.Zero).ExtractMostSignificantBits()
                | ((ulong)Vector256.GreaterThan(high, Vector256<byte>.Zero).ExtractMostSignificantBits() << 32);
        }

        var tail = 0;
        for (; p < mask.Length; p++)
        {
            tail |= mask[p];
            bitmap[p >> 6] |= mask[p] != 0 ? 1UL << (p & 63) : 0;
        }

        if (beyond != Vector256<byte>.Zero || tail > 1)
        {
            throw new ArgumentException("masks must be binary (0 or 1)", nameof(mask));
        }
    }

    /// <summary>
    /// The bitmaps of the masks of a tensor batch (checked binary, at <paramref name="size"/> × <paramref name="size"/>);
    /// bool, uint8 and float masks are taken.
    /// </summary>
    public static ConceptMaskBitmaps From(ConceptMaskBatch batch, int size)
    {
        var rows = batch.Images.Count;
        if (batch.Masks.dim() != 3 || batch.Masks.shape[0] != rows || batch.Masks.shape[1] != size || batch.Masks.shape[2] != size)
        {
            throw new ArgumentException($"masks must be {rows} × {size} × {size}; got [{string.Join(", ", batch.Masks.shape)}]", nameof(batch));
        }

        using var scope = NewDisposeScope();
        var masks = batch.Masks.cpu();
        if (masks.dtype is not (ScalarType.Byte or ScalarType.Bool) && masks.ne(0).logical_and(masks.ne(1)).any().item<bool>())
        {
            throw new ArgumentException("masks must be binary (0 or 1)", nameof(batch));
        }

        // uint8 masks, the usual ones, are checked while they are packed, in as many parts as LibTorch has threads
        // (reading the bytes is most of the cost); a bad byte throws as itself.
        var bytes = masks.to(ScalarType.Byte).contiguous();
        var pixels = size * size;
        var words = WordsFor(size);
        var bits = new ulong[rows * words];
        var workers = Math.Clamp(get_num_threads(), 1, Math.Max(1, rows));
        OrderedParallel.For(workers, w =>
        {
            var view = bytes.bytes;
            for (var row = (int)((long)rows * w / workers); row < (int)((long)rows * (w + 1) / workers); row++)
            {
                Pack(view.Slice(row * pixels, pixels), bits.AsSpan(row * words, words));
            }
        });

        return new ConceptMaskBitmaps(size, bits, batch.Images, batch.Concepts);
    }

    /// <summary>The bitmap of one row.</summary>
    public ReadOnlySpan<ulong> Row(int row) => _bits.AsSpan(row * Words, Words);

    /// <summary>|M|: the pixels of one row.</summary>
    public long Area(int row) => _areas[row];

    /// <summary>The first and last word of a row that hold a pixel (First &gt; Last for an empty mask).</summary>
    public (int First, int Last) Span(int row) => _spans[row];

    /// <summary>The masks as an L × S × S uint8 tensor, for the tensor tally (GPU runs).</summary>
    public Tensor ToTensor()
    {
        var pixels = Size * Size;
        var bytes = new byte[(long)Count * pixels];
        for (var row = 0; row < Count; row++)
        {
            var words = Row(row);
            for (var p = 0; p < pixels; p++)
            {
                bytes[((long)row * pixels) + p] = (byte)((words[p >> 6] >> (p & 63)) & 1);
            }
        }

        return tensor(bytes, [Count, Size, Size], ScalarType.Byte);
    }
}
