namespace HndGate.Engine.Models.Init;

/// <summary>What <c>hnd-gate init</c> wrote: the card with a note for every field (where its value came from), and the starter policy and workflow when written.</summary>
public sealed record InitResult(string CardPath, IReadOnlyList<InitNote> Notes, string? PolicyPath, StarterPolicy? Policy, string? WorkflowPath);
