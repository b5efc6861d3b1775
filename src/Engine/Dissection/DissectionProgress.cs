namespace HndGate.Engine.Dissection;

/// <summary>How far a long command is: a stage (e.g. "local pass 1", "decoding"), items done and in all.</summary>
public sealed record DissectionProgress(string Stage, long Done, long Total);
