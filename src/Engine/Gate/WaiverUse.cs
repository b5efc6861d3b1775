namespace HndGate.Engine.Gate;

/// <summary>A policy waiver as applied to one outcome.</summary>
/// <param name="Expires">The last day the waiver applies (UTC).</param>
/// <param name="Expired">True when the evaluation day is after <see cref="Expires"/>: the waiver no longer waives.</param>
/// <param name="PolicyLine">The waiver's line in the policy file (0: unknown), so that an expired waiver's annotation points at it.</param>
public sealed record WaiverUse(string Reason, string Owner, DateOnly Expires, bool Expired, int PolicyLine = 0);
