using TorchSharp;

namespace HndGate.Engine.Tests;

/// <summary>
/// The live-tensor count to measure a leak from. Undisposed tensors of earlier tests (TorchSharp leaves some
/// when it builds a torchvision model) are finalized whenever the GC runs, which lowers the count in the middle
/// of a later test; collecting them first keeps that out of the measurement. Only the starting count is taken
/// this way: the count after the code under test is read as it is, so that a tensor it forgot stays counted.
/// </summary>
internal static class LiveTensors
{
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return torch.Tensor.TotalCount;
    }
}
