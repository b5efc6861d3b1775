namespace HndGate.Engine.Models.Init;

/// <summary>The card <c>hnd-gate init</c> wrote, and a note for every field: where its value came from.</summary>
public sealed record InitResult(string CardPath, IReadOnlyList<InitNote> Notes);
