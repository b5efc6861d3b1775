namespace HndGate.Engine.Models.Weights;

/// <summary>A Python dict or OrderedDict: insertion-ordered, keys compared by value.</summary>
internal sealed class PickledDictionary
{
    public OrderedDictionary<object, object?> Items { get; } = new();
}
