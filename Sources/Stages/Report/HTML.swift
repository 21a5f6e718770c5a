import Foundation

/// Building blocks for the HTML reports. Every piece of text from a run goes through `escape`.
public enum HTML {
    /// Escapes the five characters that are special in HTML text and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A `<table>` whose cells are plain text (escaped here), with an optional class per cell.
    static func table(header: [TableCell], rows: [[TableCell]], cssClass: String = "data") -> String {
        func cells(_ row: [TableCell], tag: String) -> String {
            row.map { cell in
                let attribute = cell.cssClass.map { " class=\"\(escape($0))\"" } ?? ""
                return "<\(tag)\(attribute)>\(escape(cell.text))</\(tag)>"
            }.joined()
        }
        let body = rows.map { "<tr>\(cells($0, tag: "td"))</tr>" }.joined(separator: "\n")
        return """
        <table class="\(cssClass)"><thead><tr>\(cells(header, tag: "th"))</tr></thead>
        <tbody>
        \(body)
        </tbody></table>
        """
    }

    /// An `<img>` carrying the PNG inline, so the page needs no other file.
    static func inlinePNG(_ png: Data, alt: String) -> String {
        "<img src=\"data:image/png;base64,\(png.base64EncodedString())\" alt=\"\(escape(alt))\">"
    }

    /// A `<figure>` around `content` (already HTML) with an escaped caption.
    static func figure(_ content: String, caption: String) -> String {
        "<figure>\(content)<figcaption>\(escape(caption))</figcaption></figure>"
    }

    /// The page skeleton with the report's stylesheet inline.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }
}

/// A table cell: plain text and an optional CSS class (`num`, `better`, `worse`, …).
struct TableCell: ExpressibleByStringLiteral, Equatable {
    var text: String
    var cssClass: String?
    init(_ text: String, _ cssClass: String? = nil) { self.text = text; self.cssClass = cssClass }
    init(stringLiteral value: String) { self.init(value) }
    static func number(_ text: String) -> TableCell { TableCell(text, "num") }
}
