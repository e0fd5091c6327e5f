// Laying out the donation's JSON text for reading.

/**
 * layout returns json with line breaks and indentation added between its
 * tokens, never inside a string, so that removing the white space outside
 * strings gives back exactly the text that is shared. A container holding
 * no other container stays on one line ({"month": "2024-01", ...}), so the
 * 7 x 24 grid and the per-month rows remain short. json must be valid.
 */
export function layout(json) {
  const flat = flatSpans(json);
  let out = '';
  let depth = 0;
  const newline = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      const end = stringEnd(json, i);
      out += json.slice(i, end);
      i = end - 1;
    } else if ((c === '{' || c === '[') && flat.has(i)) {
      const end = flat.get(i);
      out += spaced(json.slice(i, end));
      i = end - 1;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      if (json[i + 1] === close) {
        out += c + close;
        i++;
      } else {
        depth++;
        out += c + newline();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') {
      out += ',' + newline();
    } else if (c === ':') {
      out += ': ';
    } else {
      out += c;
    }
  }
  return out;
}

// stringEnd returns the index just past the string starting at json[i].
function stringEnd(json, i) {
  for (let j = i + 1; j < json.length; j++) {
    if (json[j] === '\\') j++;
    else if (json[j] === '"') return j + 1;
  }
  return json.length;
}

// flatSpans maps the start of every container that holds no other
// container to the index just past its end.
function flatSpans(json) {
  const spans = new Map();
  const stack = []; // [start, holdsContainer]
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      i = stringEnd(json, i) - 1;
    } else if (c === '{' || c === '[') {
      if (stack.length) stack[stack.length - 1][1] = true;
      stack.push([i, false]);
    } else if (c === '}' || c === ']') {
      const [start, nested] = stack.pop();
      if (!nested && i > start + 1) spans.set(start, i + 1);
    }
  }
  return spans;
}

// spaced puts a space after each comma and colon outside strings.
function spaced(s) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      const end = stringEnd(s, i);
      out += s.slice(i, end);
      i = end - 1;
    } else {
      out += c;
      if (c === ',' || c === ':') out += ' ';
    }
  }
  return out;
}
