namespace HndGate.Engine.Dissection;

/// <summary>R6.P_s and R7.5: scores normalised to sum 1 over their groups, all 0 when the sum is 0.</summary>
internal static class StageProbabilities
{
    /// <summary>Normalises <paramref name="scores"/>[offset, offset + count) in float64, summing in list order.</summary>
    public static double[] Normalise(IReadOnlyList<double> scores, int offset, int count)
    {
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += scores[offset + i];
        }

        var probabilities = new double[count];
        if (sum != 0)
        {
            for (var i = 0; i < count; i++)
            {
                probabilities[i] = scores[offset + i] / sum;
            }
        }

        return probabilities;
    }
}
