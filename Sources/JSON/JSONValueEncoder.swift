/// Encodes any `Encodable` value into a `JSONValue`, keeping Swift's number types apart: an `Int`
/// becomes `.int`, a `Double` or `Float` becomes `.double` (Foundation's JSONEncoder writes `10.0` as
/// `10`, which would read back as an integer and change a key's hash). A stage's params struct is
/// encoded with this, so the struct itself is what its cache key hashes.
public struct JSONValueEncoder {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = EncodingBox()
        try value.encode(to: ValueEncoder(box: root, codingPath: []))
        return root.value ?? .object([:])
    }
}

/// A mutable slot the containers write into; containers nest by holding child boxes.
private final class EncodingBox {
    enum Content { case single(JSONValue), object([String: EncodingBox]), array([EncodingBox]) }
    var content: Content?

    var value: JSONValue? {
        switch content {
        case nil: return nil
        case let .single(v): return v
        case let .object(members): return .object(members.compactMapValues(\.value))
        case let .array(items): return .array(items.map { $0.value ?? .null })
        }
    }
}

private struct ValueEncoder: Encoder {
    let box: EncodingBox
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = box.content {} else { box.content = .object([:]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array = box.content {} else { box.content = .array([]) }
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleContainer(box: box, codingPath: codingPath)
    }
}

/// Leaf values, shared by the three container kinds.
private func leaf<T: Encodable>(_ value: T, codingPath: [CodingKey]) throws -> EncodingBox {
    let box = EncodingBox()
    switch value {
    case let v as Int: box.content = .single(.int(v))
    case let v as Double: box.content = .single(.double(v))
    case let v as Float: box.content = .single(.double(Double(v)))
    case let v as Bool: box.content = .single(.bool(v))
    case let v as String: box.content = .single(.string(v))
    default: try value.encode(to: ValueEncoder(box: box, codingPath: codingPath))
    }
    return box
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: EncodingBox
    let codingPath: [CodingKey]

    private func set(_ child: EncodingBox, for key: Key) {
        guard case var .object(members) = box.content else { return }
        members[key.stringValue] = child
        box.content = .object(members)
    }

    mutating func encodeNil(forKey key: Key) throws {
        let child = EncodingBox()
        child.content = .single(.null)
        set(child, for: key)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(try leaf(value, codingPath: codingPath + [key]), for: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingBox()
        set(child, for: key)
        return ValueEncoder(box: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let child = EncodingBox()
        set(child, for: key)
        return ValueEncoder(box: child, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { ValueEncoder(box: box, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder {
        let child = EncodingBox()
        set(child, for: key)
        return ValueEncoder(box: child, codingPath: codingPath + [key])
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String { "\(intValue!)" }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: EncodingBox
    let codingPath: [CodingKey]
    var count: Int { if case let .array(items) = box.content { return items.count }; return 0 }

    private func append(_ child: EncodingBox) {
        guard case var .array(items) = box.content else { return }
        items.append(child)
        box.content = .array(items)
    }

    mutating func encodeNil() throws {
        let child = EncodingBox()
        child.content = .single(.null)
        append(child)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try leaf(value, codingPath: codingPath + [IndexKey(count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingBox()
        append(child)
        return ValueEncoder(box: child, codingPath: codingPath + [IndexKey(count - 1)]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let child = EncodingBox()
        append(child)
        return ValueEncoder(box: child, codingPath: codingPath + [IndexKey(count - 1)]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        let child = EncodingBox()
        append(child)
        return ValueEncoder(box: child, codingPath: codingPath + [IndexKey(count - 1)])
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let box: EncodingBox
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { box.content = .single(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        box.content = try leaf(value, codingPath: codingPath).content
    }
}
