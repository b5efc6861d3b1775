namespace HndGate.Engine.Models.Init;

/// <summary>One field <c>hnd-gate init</c> wrote, the value, and how it knows (inferred from the file, given, or a stated default).</summary>
public sealed record InitNote(string Field, string Value, string Reason);
