using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace GdpoRealtime.Trainer.Export;

/// <summary>
/// Appends nodes, constant tensors and typed inputs/outputs to an ONNX graph. OnnxSharp gives the ONNX protobuf types
/// and reads or trims existing models but has no builder, and this graph needs only these few forms, so they are
/// written here. Every value is float32; names are unique because each node names its own output.
/// </summary>
internal sealed class OnnxGraphWriter
{
    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    public GraphProto Graph { get; } = new();

    /// <summary>A float32 input whose dimensions are numbers or symbolic names (dynamic).</summary>
    public string Input(string name, string doc, params object[] dimensions)
    {
        Graph.Input.Add(ValueInfo(Claim(name), doc, dimensions));
        return name;
    }

    /// <summary>Declares an existing value as a graph output, with its dimensions.</summary>
    public void Output(string name, string doc, params object[] dimensions) => Graph.Output.Add(ValueInfo(name, doc, dimensions));

    /// <summary>A float32 constant stored in the file (raw little-endian data, as ONNX asks).</summary>
    public string Constant(string name, long[] shape, ReadOnlySpan<float> values)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
            throw new ArgumentException($"Constant '{name}' has {values.Length} values for shape [{string.Join(", ", shape)}].", nameof(values));
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        var tensor = new TensorProto { Name = Claim(name), DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(shape);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A scalar constant, broadcast by the element-wise operators.</summary>
    public string Scalar(string name, float value) => Constant(name, Array.Empty<long>(), new[] { value });

    /// <summary>A node with one output named <paramref name="output"/>; an empty input name is an omitted optional input.</summary>
    public string Node(string opType, string output, string[] inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = output + "_" + opType.ToLowerInvariant() };
        node.Input.AddRange(inputs);
        node.Output.Add(Claim(output));
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private string Claim(string name)
    {
        if (!names.Add(name)) throw new InvalidOperationException($"The ONNX graph already has a value named '{name}'.");
        return name;
    }

    private static ValueInfoProto ValueInfo(string name, string doc, object[] dimensions)
    {
        var shape = new TensorShapeProto();
        foreach (var dimension in dimensions)
            shape.Dim.Add(dimension switch
            {
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                _ => throw new ArgumentException($"Dimension {dimension} of '{name}' is neither a size nor a name."),
            });
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape };
        return new ValueInfoProto { Name = name, DocString = doc, Type = new TypeProto { TensorType = tensor } };
    }
}
