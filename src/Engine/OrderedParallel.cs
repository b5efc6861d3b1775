using System.Runtime.ExceptionServices;

namespace HndGate.Engine;

/// <summary>Parallel work over indexed items whose failure is reported as a sequential loop would report it.</summary>
public static class OrderedParallel
{
    /// <summary>
    /// <c>results[i] = work(i)</c> on all cores. If any item throws, the exception of the lowest index is
    /// rethrown as itself (not wrapped), so the user hears about the first bad file in canonical order.
    /// </summary>
    public static T[] Map<T>(int count, Func<int, T> work, CancellationToken cancel = default)
    {
        var results = new T[count];
        var failures = new Exception?[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            try
            {
                results[i] = work(i);
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        });

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return results;
    }

    /// <summary><c>work(i)</c> for every index on all cores; failures reported as <see cref="Map{T}"/> reports them.</summary>
    public static void For(int count, Action<int> work, CancellationToken cancel = default) =>
        Map(count, i =>
        {
            work(i);
            return true;
        }, cancel);
}
