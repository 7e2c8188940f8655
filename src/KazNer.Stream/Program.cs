namespace KazNer.Stream; internal static class Program { public static int Main() => 0; }
