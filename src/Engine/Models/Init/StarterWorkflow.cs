namespace HndGate.Engine.Models.Init;

/// <summary>
/// The GitHub Actions workflow <c>hnd-gate init</c> writes (templates/init/workflow.scriban): its paths are
/// relative to the repository root, with forward slashes, as the workflow's steps see them.
/// </summary>
/// <param name="WorkflowFile">The workflow's file name, by which the baseline step finds the default branch's runs.</param>
/// <param name="RunsOn">The runner label used when no <c>runs-on</c> input is given.</param>
/// <param name="Outside">The paths the workflow needs that lie outside the repository, each with the option that names it.</param>
public sealed record StarterWorkflow(string WorkflowFile, string Card, string Dictionary, string Policy, string RunsOn, IReadOnlyList<string> Outside)
{
    public const string Template = "init/workflow.scriban";
}
