using System.Text;

namespace GdpoRealtime.Tests.Demo.Rendering;

/// <summary>
/// Reads what the layout tests need from a SPIR-V module: names of types, members and variables, member
/// offsets, and binding and location decorations. Hand-written because no served package reflects SPIR-V;
/// only a handful of instructions matter (OpName 5, OpMemberName 6, OpVariable 59, OpTypePointer 32,
/// OpDecorate 71, OpMemberDecorate 72; decorations Location 30, Binding 33, Offset 35).
/// </summary>
public sealed class SpirvModule
{
    private const uint Magic = 0x07230203;

    private readonly Dictionary<uint, string> names = new();
    private readonly Dictionary<(uint Id, uint Member), string> memberNames = new();
    private readonly Dictionary<(uint Id, uint Member), uint> memberOffsets = new();
    private readonly Dictionary<uint, uint> bindings = new();
    private readonly Dictionary<uint, uint> locations = new();
    private readonly Dictionary<uint, uint> pointerTargets = new();
    private readonly HashSet<uint> variables = new();

    public SpirvModule(byte[] code)
    {
        if (code.Length < 20 || code.Length % 4 != 0 || BitConverter.ToUInt32(code, 0) != Magic)
            throw new InvalidDataException("not SPIR-V");
        var words = new uint[code.Length / 4];
        Buffer.BlockCopy(code, 0, words, 0, code.Length);
        for (int i = 5; i < words.Length;)
        {
            uint opcode = words[i] & 0xffff, count = words[i] >> 16;
            switch (opcode)
            {
                case 5: names[words[i + 1]] = Text(words, i + 2, i + (int)count); break;
                case 6: memberNames[(words[i + 1], words[i + 2])] = Text(words, i + 3, i + (int)count); break;
                case 32: pointerTargets[words[i + 1]] = words[i + 3]; break;
                case 59: variables.Add(words[i + 2]); pointerTargets.TryAdd(words[i + 2], words[i + 1]); break;
                case 71 when words[i + 2] == 33: bindings[words[i + 1]] = words[i + 3]; break;
                case 71 when words[i + 2] == 30: locations[words[i + 1]] = words[i + 3]; break;
                case 72 when words[i + 3] == 35: memberOffsets[(words[i + 1], words[i + 2])] = words[i + 4]; break;
            }
            i += (int)Math.Max(1, count);
        }
    }

    /// <summary>Member name to byte offset of the struct type called <paramref name="structName"/> that carries offsets (a block layout).</summary>
    public IReadOnlyDictionary<string, uint> MemberOffsets(string structName)
    {
        var candidates = names.Where(n => n.Value == structName).Select(n => n.Key)
            .Where(id => memberOffsets.Keys.Any(k => k.Id == id)).ToList();
        if (candidates.Count == 0) throw new KeyNotFoundException($"no laid-out struct {structName} in this module");
        uint type = candidates[0];
        return memberOffsets.Where(m => m.Key.Id == type).ToDictionary(m => memberNames[(type, m.Key.Member)], m => m.Value);
    }

    /// <summary>The binding of the variable called <paramref name="name"/>, or of the variable whose block type is called that.</summary>
    public uint BindingOf(string name) => Decoration(bindings, name, "binding");

    /// <summary>The location of the input or output variable called <paramref name="name"/>.</summary>
    public uint LocationOf(string name) => Decoration(locations, name, "location");

    private uint Decoration(Dictionary<uint, uint> decorations, string name, string what)
    {
        foreach (var variable in variables.Where(decorations.ContainsKey))
        {
            if (names.TryGetValue(variable, out var own) && own == name) return decorations[variable];
            uint type = variable;
            while (pointerTargets.TryGetValue(type, out var target)) type = target;
            if (names.TryGetValue(type, out var typeName) && typeName == name) return decorations[variable];
        }
        throw new KeyNotFoundException($"no {what} for '{name}' in this module");
    }

    private static string Text(uint[] words, int from, int to)
    {
        var bytes = new byte[(to - from) * 4];
        Buffer.BlockCopy(words, from * 4, bytes, 0, bytes.Length);
        int end = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end);
    }
}
