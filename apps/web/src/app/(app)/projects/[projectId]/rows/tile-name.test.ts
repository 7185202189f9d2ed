import { describe, expect, it } from 'vitest';
import { tileName } from './tile-name';

describe('tileName', () => {
  it('keeps ids that are not URLs', () => {
    expect(tileName('street/night/lamps.jpg')).toBe('street/night/lamps.jpg');
    expect(tileName('photo-0001')).toBe('photo-0001');
  });

  it('shows the file name of a URL', () => {
    expect(tileName('https://cdn.example.com/set/a/boat.jpg?size=big')).toBe('boat.jpg');
    expect(tileName('http://127.0.0.1:8123/images/my%20dog.png')).toBe('my dog.png');
  });

  it('falls back to the host when the path is empty, and to the id when it is not a URL', () => {
    expect(tileName('https://images.example.com/')).toBe('images.example.com');
    expect(tileName('https://')).toBe('https://');
    expect(tileName('http://example.com/%E0%A4%A')).toBe('%E0%A4%A');
  });
});
