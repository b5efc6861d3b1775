using System.Text.Json;

namespace HndGate.Engine.Models;

/// <summary>Writes a model card (hnd-model.json) in the schema's field order, the weights path relative to the card's folder.</summary>
public static class ModelCardWriter
{
    public static byte[] ToJson(ModelCard card)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", card.Format);
            if (card.Architecture is { } architecture)
            {
                json.WriteString("architecture", architecture);
                if (BuiltInArchitectures.Find(architecture, card.CardPath).ClassifierWeight is not null)
                {
                    json.WriteNumber("num_classes", card.NumClasses);
                }
            }

            if (card.WeightsPath is { } weights)
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(card.CardPath))!;
                json.WriteString("weights", Path.GetRelativePath(folder, weights).Replace('\\', '/'));
            }
            else
            {
                json.WriteNumber("seed", card.Seed);
            }

            if (card.Task is { } task)
            {
                json.WriteString("task", task);
            }

            json.WriteStartObject("input");
            json.WriteNumber("size", card.Input.Size);
            json.WriteString("channel_order", card.Input.ChannelOrder);
            json.WriteNumber("pixel_scale", card.Input.PixelScale);
            Numbers(json, "mean", card.Input.Mean);
            Numbers(json, "std", card.Input.Std);
            json.WriteEndObject();
            json.WriteStartArray("layers");
            foreach (var layer in card.Layers)
            {
                json.WriteStringValue(layer);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void Numbers(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }
}
