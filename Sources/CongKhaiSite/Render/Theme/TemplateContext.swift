/// What a template sees: names → values, every value `Sendable` (text, numbers, flags, lists and
/// records of them). Notice pages and listings render on several threads (`Parallel`), so the
/// compiler checks that no context, and nothing a renderer holds, can be shared unsafely: a
/// `[String: Any]` context could hold anything, which is why the renderer used to be declared
/// `@unchecked Sendable`. swift-mustache reads these dictionaries as it read `[String: Any]`
/// (`Dictionary: MustacheParent`), so the pages are byte for byte what they were.
typealias TemplateContext = [String: any Sendable]
