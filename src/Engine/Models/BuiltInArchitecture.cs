namespace HndGate.Engine.Models;

/// <summary>
/// A network hnd-gate builds itself, with what <c>hnd-gate init</c> assumes about it: the input it was
/// published with, the layer dissected by default (the last convolution of the last stage), the modules
/// of its classifier head (the rest must match a file for the architecture to be recognised) and the
/// classifier weight whose first dimension is the number of classes.
/// </summary>
public sealed record BuiltInArchitecture(
    string Name,
    string Family,
    ModelInputSpec Input,
    string DefaultLayer,
    IReadOnlyList<string> HeadModules,
    string? ClassifierWeight);
