using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>R8: the local images that activate each unit most, for the report's pictures.</summary>
public static class TopActivatingImages
{
    /// <summary>
    /// For every unit of <paramref name="maxima"/> (images × U), the <paramref name="count"/> images with the
    /// largest per-image maximum (fewer when there are fewer images), largest first, ties to the lower index.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<TopImage>> Find(Tensor maxima, int count)
    {
        if (maxima.dim() != 2)
        {
            throw new ArgumentException($"maxima must be images × units; got [{string.Join(", ", maxima.shape)}]", nameof(maxima));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var images = (int)maxima.shape[0];
        var units = (int)maxima.shape[1];
        var taken = Math.Min(count, images);
        if (taken == 0)
        {
            return Enumerable.Range(0, units).Select(_ => (IReadOnlyList<TopImage>)[]).ToArray();
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();

        // A stable descending sort keeps tied images in index order.
        var (values, indices) = maxima.t().sort(1, descending: true, stable: true);
        var topValues = values.narrow(1, 0, taken).to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
        var topIndices = indices.narrow(1, 0, taken).cpu().contiguous().data<long>().ToArray();
        var result = new IReadOnlyList<TopImage>[units];
        for (var u = 0; u < units; u++)
        {
            result[u] = Enumerable.Range(u * taken, taken).Select(i => new TopImage((int)topIndices[i], topValues[i])).ToArray();
        }

        return result;
    }
}
