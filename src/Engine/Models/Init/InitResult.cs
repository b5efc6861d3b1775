namespace HndGate.Engine.Models.Init;

/// <summary>
/// What <c>hnd-gate init</c> wrote: the card with a note for every field (where its value came from), the starter
/// policy and workflow when written, and warnings about them (a path the workflow needs that CI will not find).
/// </summary>
public sealed record InitResult(string CardPath, IReadOnlyList<InitNote> Notes, string? PolicyPath, StarterPolicy? Policy, string? WorkflowPath, IReadOnlyList<string> Warnings);
