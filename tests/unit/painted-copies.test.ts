import { describe, expect, it } from 'vitest';
import { copiesOf, copyOffsets, dropShadowOffsets, textShadowOffsets } from '../../src/content/painted-copies';

describe('painted copies: where shadows paint an element\'s text again (rendering page p42)', () => {
  it('reads computed text-shadow and drop-shadow values', () => {
    expect(textShadowOffsets('none')).toEqual([]);
    expect(textShadowOffsets('rgb(0, 0, 0) 2px 48px 3px, rgba(1, 2, 3, 0.5) -4px 0px 0px')).toEqual([{ x: 2, y: 48, blur: 3 }, { x: -4, y: 0, blur: 0 }]);
    expect(dropShadowOffsets('drop-shadow(rgb(0, 0, 0) 0px 48px 0px)')).toEqual([{ x: 0, y: 48, blur: 0 }]);
    expect(dropShadowOffsets('blur(1px) drop-shadow(rgb(0, 0, 0) 10px 0px 2px) drop-shadow(red 0px 5px)')).toEqual([{ x: 10, y: 0, blur: 2 }, { x: 0, y: 5, blur: 0 }]);
  });

  it('a card\'s box gets a copy where an ancestor\'s drop-shadow paints it, and where its text-shadow of that does', () => {
    const card = { filter: 'none', textShadow: 'rgb(0, 0, 0) 5px 0px 0px' } as CSSStyleDeclaration;
    const wrap = { filter: 'drop-shadow(rgb(0, 0, 0) 0px 48px 0px)', textShadow: 'none' } as CSSStyleDeclaration;
    const a = {} as Element;
    const b = {} as Element;
    const offsets = copyOffsets(a, (e) => (e === a ? card : wrap), (e) => (e === a ? b : null))!;
    expect(offsets).toEqual([{ x: 5, y: 0, blur: 0 }, { x: 0, y: 48, blur: 0 }, { x: 5, y: 48, blur: 0 }]);
    expect(copiesOf({ x: 10, y: 10, width: 100, height: 20 }, [{ x: 0, y: 48, blur: 2 }])).toEqual([{ x: 8, y: 56, width: 104, height: 24 }]);
  });

  it('an SVG filter or a reflection on an ancestor paints it where no length says: null (rendering page p43)', () => {
    const plain = { filter: 'none', textShadow: 'none', getPropertyValue: () => 'none' } as unknown as CSSStyleDeclaration;
    const svg = { filter: 'url("#again")', textShadow: 'none' } as CSSStyleDeclaration;
    const reflect = { filter: 'none', textShadow: 'none', getPropertyValue: () => 'below 0px' } as unknown as CSSStyleDeclaration;
    const a = {} as Element;
    const b = {} as Element;
    expect(copyOffsets(a, (e) => (e === a ? plain : svg), (e) => (e === a ? b : null))).toBeNull();
    expect(copyOffsets(a, (e) => (e === a ? plain : reflect), (e) => (e === a ? b : null))).toBeNull();
    expect(copyOffsets(a, () => plain, (e) => (e === a ? b : null))).toEqual([]);
  });

  it('too many copies to follow: null (the caller blurs everywhere)', () => {
    const many = { filter: 'drop-shadow(red 1px 1px) drop-shadow(red 2px 2px) drop-shadow(red 3px 3px)', textShadow: 'none' } as CSSStyleDeclaration;
    const el = {} as Element;
    let depth = 0;
    expect(copyOffsets(el, () => many, () => (depth++ < 3 ? el : null))).toBeNull();
  });
});
