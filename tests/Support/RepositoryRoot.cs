namespace GdpoRealtime.Tests.Support;

/// <summary>The checkout this test build came from, for tests that read its sources; absent in a packed test run.</summary>
public static class RepositoryRoot
{
    public static DirectoryInfo? Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GdpoRealtime.sln"))) folder = folder.Parent;
        return folder;
    }

    /// <summary>The checkout, or the test is ignored saying why.</summary>
    public static DirectoryInfo Require()
    {
        var root = Find();
        if (root is null) Assert.Ignore("The sources are not beside this test build (a packed test run): nothing to check.");
        return root!;
    }
}
