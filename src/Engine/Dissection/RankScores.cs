using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>R5: the rank-weighted score CS_g of groups of images, for many units at once (float64).</summary>
public static class RankScores
{
    /// <summary>
    /// R5 for every unit (column) of <paramref name="maxima"/>: |P| × U per-image maxima m_n, rows in the
    /// order of the list P; <paramref name="lo"/> and <paramref name="hi"/> hold each unit's range (U).
    /// Each group lists positions in P. Returns CS, U × groups, float64 (caller owns).
    /// An empty group scores 0.
    /// </summary>
    public static Tensor Compute(Tensor maxima, Tensor lo, Tensor hi, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        if (maxima.dim() != 2 || lo.dim() != 1 || hi.dim() != 1 || lo.shape[0] != maxima.shape[1] || hi.shape[0] != maxima.shape[1])
        {
            throw new ArgumentException($"maxima must be images × units and lo, hi one value per unit; got [{string.Join(", ", maxima.shape)}], [{string.Join(", ", lo.shape)}], [{string.Join(", ", hi.shape)}]");
        }

        var count = maxima.shape[0];
        var units = maxima.shape[1];
        if (groups.Any(g => g.Any(p => p < 0 || p >= count)))
        {
            throw new ArgumentException($"group positions must lie in the list of {count} images", nameof(groups));
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var device = maxima.device;
        if (groups.Count == 0 || count == 0)
        {
            return torch.zeros(units, groups.Count, ScalarType.Float64, device).MoveToOuterDisposeScope();
        }

        var m = maxima.to(ScalarType.Float64).t();
        var low = lo.to(ScalarType.Float64, device).unsqueeze(1);
        var range = hi.to(ScalarType.Float64, device).unsqueeze(1) - low;

        // R5.1–2: ms_n = (m_n − lo)/(hi − lo); a silent unit (hi = lo) scores 0 everywhere.
        var scaled = ((m - low) / range).masked_fill(range.eq(0), 0.0);

        // R5.3: stable ascending sort, so tied maxima keep list order; rank of position i is (i+1)/|P|.
        var order = m.sort(1, descending: false, stable: true).Indices;
        var rankOfPosition = torch.arange(1, count + 1, ScalarType.Float64, device) / count;
        var ranks = torch.zeros_like(m).scatter_(1, order, rankOfPosition.unsqueeze(0).expand(units, count));
        var weighted = ranks * scaled;

        // R5.4: CS_g = Σ_{n∈g} R_n·ms_n / |g|.
        var columns = groups
            .Select(g => g.Count == 0
                ? torch.zeros(units, ScalarType.Float64, device)
                : weighted.index_select(1, torch.tensor(g.Select(p => (long)p).ToArray(), device: device)).sum(1) / g.Count)
            .ToArray();
        return torch.stack(columns, 1).MoveToOuterDisposeScope();
    }
}
