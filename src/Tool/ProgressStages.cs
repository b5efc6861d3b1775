using HndGate.Engine.Dissection;

namespace HndGate.Tool;

/// <summary>
/// Follows a run's progress reports stage by stage for a progress view: which report starts a stage, which
/// continues it, and which is stale (parallel work reports out of order: a count below the last one seen, or
/// one after the stage's end).
/// </summary>
internal sealed class ProgressStages
{
    private string? _stage;
    private long _done;

    public enum Step
    {
        Stale,
        NewStage,
        SameStage,
    }

    /// <summary>When the current stage started, on the view's clock.</summary>
    public TimeSpan StageStart { get; private set; }

    public Step Accept(DissectionProgress value, TimeSpan now)
    {
        if (value.Stage == _stage && (value.Done < _done || _done >= value.Total))
        {
            return Step.Stale;
        }

        _done = value.Done;
        if (value.Stage == _stage)
        {
            return Step.SameStage;
        }

        _stage = value.Stage;
        StageStart = now;
        return Step.NewStage;
    }
}
